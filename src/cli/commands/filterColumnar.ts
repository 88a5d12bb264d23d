/**
 * What `filter` writes for a Parquet or Arrow input: the kept rows in the input's own format
 * and schema (`-o kept.parquet`, `-o kept.arrow`), or JSON Lines when the output is named
 * `.jsonl` / `.ndjson` / `.json` or goes to standard output.
 */
import { readHead } from '../input';
import { columnarKind } from '../../core/node/columnar';
import { arrowFormat, arrowSink, parquetSink, type RowSink } from '../../core/node/columnar/write';

const JSON_OUTPUT = /\.(jsonl|ndjson|jsonlines|json)$/i;

/** The sink for `input` written to `output`, or undefined when the rows go out as JSON Lines. */
export async function columnarSink(input: string, output: string | undefined, write: (bytes: Uint8Array) => void): Promise<RowSink | undefined> {
  const kind = columnarKind(input);
  if (!kind || output === undefined || JSON_OUTPUT.test(output)) return undefined;
  return kind === 'parquet' ? parquetSink(input, write) : arrowSink(input, arrowFormat(readHead(input, 8)), write);
}
