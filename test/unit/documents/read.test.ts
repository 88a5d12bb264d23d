import { strict as assert } from 'node:assert';
import {
  decodeLines,
  detectKind,
  forEachJsonlRecordInBytes,
  looksLikeTraces,
  readCot,
  readDocument,
  readJsonDocument,
  readJsonl,
  readJsonlBytes,
  sniffKind,
  DETACH_LINE,
} from '../../../src/core/documents';
import { LazyJsonText } from '../../../src/core/json/escapes';
import type { RecordInput } from '../../../src/core/types';
import { corpusDatasets, readCorpus } from '../../corpus';

describe('JSON Lines: bad input never throws', () => {
  it('reports invalid-json with the parser position on its line and carries on', () => {
    const text = '{"completion":"a"}\n{"completion": "b", oops}\n{"completion":"c"}\n';
    const records = readJsonl(text);
    assert.equal(records.length, 3);
    const bad = records[1];
    assert.equal(bad.problems[0].ruleId, 'invalid-json');
    assert.equal(bad.problems[0].severity, 'error');
    assert.equal(bad.line, 1);
    const lineStart = text.indexOf('\n') + 1;
    assert.equal(text.slice(bad.problems[0].span.start, bad.problems[0].span.end), 'oops');
    assert.ok(bad.problems[0].span.start > lineStart);
    assert.equal(records[2].traces[0].output.text, 'c');
  });

  it('skips empty and blank lines without counting them as records', () => {
    const records = readJsonl('\n{"completion":"a"}\n\n   \n{"completion":"b"}\n\n');
    assert.deepEqual(
      records.map((r) => [r.index, r.line]),
      [
        [0, 1],
        [1, 4],
      ],
    );
  });

  it('keeps \\r out of CRLF records, columns stay right', () => {
    const text = '{"completion":"<think>x</think>y"}\r\n{"completion":"</think>"}\r\n';
    const records = readJsonl(text);
    assert.equal(records.length, 2);
    assert.equal(text[records[0].span.end], '\r');
    const out = records[1].traces[0].output;
    assert.equal(text.slice(out.toSource(0), out.toSource(8)), '</think>');
    assert.equal(out.toSource(0) - records[1].span.start, '{"completion":"'.length);
  });

  it('skips a byte order mark, offsets still right', () => {
    const text = '\ufeff{"completion":"<think>a</think>"}\n';
    const [record] = readJsonl(text);
    const out = record.traces[0].output;
    assert.equal(record.problems.length, 0);
    assert.equal(text.slice(out.toSource(8), out.toSource(16)), "</think>");
    assert.equal(record.span.start, 1);
  });

  it('reads a 150K-character line', () => {
    const thought = 'Wait, let me check. '.repeat(7500) + '"quoted" \\ ';
    const line = JSON.stringify({ completion: `<think>${thought}</think>answer` });
    assert.ok(line.length > 150_000);
    const [record] = readJsonl(line);
    const out = record.traces[0].output;
    const at = out.text.indexOf('</think>');
    assert.equal(line.slice(out.toSource(at), out.toSource(at + 8)), '</think>');
  });

  it('decodes invalid UTF-8 with replacement and reports the line', () => {
    const bytes = Buffer.concat([Buffer.from('{"completion":"ok"}\n{"completion":"bad '), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n')]);
    const decoded = decodeLines(bytes);
    assert.equal(decoded.problems.length, 1);
    assert.equal(decoded.problems[0].line, 1);
    assert.equal(decoded.problems[0].finding.ruleId, 'invalid-utf8');
    const records = readJsonl(decoded.text, { lineProblems: new Map(decoded.problems.map((p) => [p.line, [p.finding]])) });
    assert.equal(records[1].problems[0].ruleId, 'invalid-utf8');
    assert.match(records[1].traces[0].output.text, /\ufffd/);
    assert.equal(records[0].problems.length, 0);
  });

  it('says once, after the last line is decoded and before it is parsed, that the bytes are no longer needed', () => {
    for (const tail of ['', '\n', '\r\n', '\n\n  \n']) {
      const bytes = Buffer.from(`{"completion":"a</think>"}\n{"completion":"b</think>"}${tail}`);
      const events: string[] = [];
      const read = readJsonlBytes(bytes, { release: () => events.push('release') }, (r) => events.push(r.traces[0].output.text));
      // Blank lines after the last record are still read: then the bytes are not let go early.
      const expected = tail.length > 2 ? ['a</think>', 'b</think>'] : ['a</think>', 'release', 'b</think>'];
      assert.deepEqual(events, expected, JSON.stringify(tail));
      assert.equal(read.records, 2);
    }
  });

  it('a record from a line past DETACH_LINE lets its line go and maps offsets as a record read from text does', () => {
    // Escapes of every kind spread through a long completion, a prompt beside it, a second line after it.
    const pieces: string[] = [];
    for (let i = 0, units = 0; units < DETACH_LINE + 1000; i++) units += pieces[pieces.push(`step ${i}: ${i % 3 ? 'a\\nb' : '\\u00e9\\"q\\"'} ${'x'.repeat(i % 97)} `) - 1].length;
    const completion = pieces.join('');
    const line = `{"prompt":"p\\tq","completion":"<think>${completion}</think>\\nThe answer."}`;
    const text = `${line}\n{"completion":"short</think>"}\n`;
    const events: string[] = [];
    const fromBytes: RecordInput[] = [];
    readJsonlBytes(Buffer.from(text), { settle: () => events.push(`settle ${fromBytes.length}`) }, (r) => fromBytes.push(r));
    const fromText = readJsonl(text);
    assert.deepEqual(events, ['settle 0'], 'settled once, for the long line, before its record is handed over');
    assert.equal(fromBytes.length, 2);
    const [a, b] = [fromBytes[0].traces[0].output, fromText[0].traces[0].output];
    assert.equal(a.text, b.text);
    const length = a.text.length;
    for (let k = 0; k <= 200; k++) {
      const offset = Math.floor((length * k) / 200) - (k % 5);
      assert.equal(a.toSource(offset), b.toSource(offset), `offset ${offset}`);
    }
    assert.equal(a.toSource(length + 10), b.toSource(length + 10), 'past the end');
    assert.equal(fromBytes[0].prompt!.toSource(2), fromText[0].prompt!.toSource(2));
    assert.equal(text.slice(a.toSource(length - 11), a.toSource(length)), 'The answer.');
  });

  it('a detached value asks for its literal once and answers from the escape map after', () => {
    let asked = 0;
    const source = '{"c":"a\\nb\\u00e9c"}';
    const value = new LazyJsonText(JSON.parse(source).c, () => (asked++, { text: source, quote: 5, base: 100 }), -1);
    const before = [0, 1, 2, 3, 4, 5].map((o) => value.toSource(o));
    const fresh = new LazyJsonText(JSON.parse(source).c, () => ({ text: source, quote: 5, base: 100 }), -1);
    fresh.detach();
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((o) => fresh.toSource(o)), before);
    value.detach();
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((o) => value.toSource(o)), before);
    assert.equal(asked, 1);
    assert.deepEqual(before, [106, 107, 109, 110, 116, 117]);
  });

  it('reads batches of bytes line by line: BOM, CRLF, blank lines, invalid UTF-8', () => {
    const bytes = Buffer.concat([
      Buffer.from('\ufeff{"completion":"é</think>"}\r\n\r\n  \n{"completion":"bad '),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('</think>"}\n{"completion":"😀</think>"}'),
    ]);
    const records: RecordInput[] = [];
    const count = forEachJsonlRecordInBytes(bytes, { firstLine: 10 }, (r) => records.push(r));
    assert.equal(count, 3);
    assert.deepEqual(records.map((r) => r.line), [10, 13, 14]);
    assert.deepEqual(records.map((r) => r.problems.map((p) => p.ruleId)), [[], ['invalid-utf8'], []]);
    // Offsets agree with the decoded text of the batch (without the BOM).
    const text = new TextDecoder().decode(bytes);
    for (const record of records) {
      const out = record.traces[0].output;
      const at = out.text.indexOf('</think>');
      assert.equal(text.slice(out.toSource(at), out.toSource(at + 8)), '</think>', `record ${record.index}`);
    }
  });

  it('numbers lines from firstLine and records from firstIndex when streaming', () => {
    const records = readJsonl('{"text":"a"}\n{"text":"b"}', { firstLine: 100, firstIndex: 40, offset: 5000 });
    assert.deepEqual(
      records.map((r) => [r.index, r.line, r.span.start]),
      [
        [40, 100, 5000],
        [41, 101, 5013],
      ],
    );
  });
});

describe('JSON documents', () => {
  it('reads a top-level array of records with their lines', () => {
    const text = '[\n  {"completion": "a"},\n  {"completion": "b\\n</think>"}\n]';
    const records = readJsonDocument(text).records;
    assert.equal(records.length, 2);
    assert.equal(records[1].line, 2);
    const out = records[1].traces[0].output;
    assert.equal(text.slice(out.toSource(2), out.toSource(10)), '</think>');
  });

  it('finds the records array inside an object ({"results": [...]})', () => {
    const doc = readJsonDocument(JSON.stringify({ accuracy: 1, meta: { n: 2 }, results: [{ model_output: 'x' }, { model_output: 'y' }] }, null, 2));
    assert.equal(doc.container, 'results');
    assert.equal(doc.records.length, 2);
  });

  it('uses a results[*].field path from the config', () => {
    const text = JSON.stringify({ runs: [{ z: 1 }], results: [{ gen: 'x', gold: '1' }] });
    const doc = readJsonDocument(text, { trace: ['results[*].gen'], groundTruth: ['results[*].gold'] });
    assert.equal(doc.records[0].traces[0].output.text, 'x');
    assert.equal(doc.records[0].groundTruth?.text, '1');
  });

  it('reads an object that is itself a record as one record', () => {
    const records = readJsonDocument('{"prompt":"p","completion":"c"}').records;
    assert.equal(records.length, 1);
    assert.equal(records[0].traces[0].output.text, 'c');
  });

  it('reports a document that holds no records', () => {
    for (const text of ['42', '"text"', '{"a": {"b": 1}}']) {
      const [record] = readJsonDocument(text).records;
      assert.equal(record.problems[0].ruleId, 'unsupported-document', text);
      assert.equal(record.traces.length, 0);
    }
  });

  it('reports invalid JSON with line and column', () => {
    const [record] = readJsonDocument('[\n {"completion": "a"},\n {"completion" "b"}\n]').records;
    assert.equal(record.problems[0].ruleId, 'invalid-json');
    assert.match(record.problems[0].message, /line 3, column 16/);
  });
});

describe('.cot files', () => {
  it('reads a file without headers as one output, offsets 1:1', () => {
    const text = '<think>\nhmm\n</think>\n42\n';
    const [record] = readCot(text);
    const out = record.traces[0].output;
    assert.equal(out.text, '<think>\nhmm\n</think>\n42');
    assert.equal(out.toSource(12), 12);
  });

  it('splits records at User: headers and reads Expected: / System:', () => {
    const text = [
      'System: Think step by step.',
      'User: 2+2?',
      'Assistant: <think>add</think>4',
      'Expected: 4',
      '',
      'User: 3+3?',
      'Assistant:',
      '<think>',
      'add',
      '</think>',
      '6',
      'User: no answer here',
    ].join('\n');
    const records = readCot(text);
    assert.equal(records.length, 3);
    assert.equal(records[0].prompt?.text, '2+2?');
    assert.equal(records[0].traces[0].output.text, '<think>add</think>4');
    assert.equal(records[0].groundTruth?.text, '4');
    assert.equal(records[1].line, 5);
    assert.equal(records[1].traces[0].output.text, '<think>\nadd\n</think>\n6');
    const out = records[1].traces[0].output;
    assert.equal(text.slice(out.toSource(0), out.toSource(7)), '<think>');
    assert.equal(records[2].problems[0].ruleId, 'no-trace');
  });

  it('reads an empty or blank file as no records', () => {
    assert.deepEqual(readCot(''), []);
    assert.deepEqual(readCot('\ufeff \n\n'), []);
  });

  it('marks a prefilled <think> at the end of the User block', () => {
    const [record] = readCot('User: 1+1? <think>\nAssistant: two\n</think>\n2');
    assert.equal(record.traces[0].promptSuffix, '<think>');
  });
});

describe('document kind', () => {
  it('comes from the file name first', () => {
    assert.equal(detectKind('a.cot', '{"x":1}'), 'cot');
    assert.equal(detectKind('a.think', ''), 'cot');
    assert.equal(detectKind('A.JSONL', '['), 'jsonl');
    assert.equal(detectKind('a.ndjson', ''), 'jsonl');
    assert.equal(detectKind('a.json', '{"a":1}\n{"a":2}'), 'json');
  });

  it('falls back to the content', () => {
    assert.equal(sniffKind('{"a":1}\n{"a":2}\n'), 'jsonl');
    assert.equal(sniffKind('[{"a":1}]'), 'json');
    assert.equal(sniffKind('{\n  "results": [\n'), 'json');
    assert.equal(sniffKind('\ufeff  <think>x</think>'), 'cot');
    assert.equal(detectKind('untitled', 'User: hi\nAssistant: x'), 'cot');
  });

  it('looksLikeTraces spots trace files and not others', () => {
    assert.ok(looksLikeTraces('{"prompt": "q", "completion": "<think>a</think>b"}'));
    assert.ok(looksLikeTraces('[{"messages": [{"role": "user", "content": "x"}]}]'));
    assert.ok(looksLikeTraces('{"code": ["<|begin_of_thought|>"]}'));
    assert.ok(!looksLikeTraces('{"name": "my-package", "version": "1.0.0", "dependencies": {}}'));
    assert.ok(!looksLikeTraces('{"compilerOptions": {"strict": true}}'));
  });
});

describe('the real datasets in test/fixtures/corpus', () => {
  const read = (name: string): RecordInput[] => readDocument(readCorpus(name), name);

  it('reads every file without an exception, with the documented record counts', () => {
    const counts: Record<string, number> = {
      'r1v_geoqa_qwen2vl7b_instruct.json': 754,
      'topology_math500_deepseek_r1.jsonl': 20,
      'topology_math500_r1distill_qwen7b.jsonl': 20,
      'skythought_sky-t1-14b-wrong5k_aime24.head12.jsonl': 12,
      'minimind_r1_data_toy.jsonl': 2,
    };
    const files = corpusDatasets();
    assert.deepEqual(files, Object.keys(counts).sort(), 'the datasets in test/fixtures/corpus');
    for (const file of files) {
      const records = read(file);
      assert.equal(records.length, counts[file], file);
      for (const record of records) {
        assert.equal(record.problems.length, 0, `${file} record ${record.index}: ${record.problems[0]?.message}`);
        assert.ok(record.traces.length >= 1);
      }
    }
  });

  it('r1v: traces from results[*].model_output, ground truth from ground_truth', () => {
    const text = readCorpus('r1v_geoqa_qwen2vl7b_instruct.json');
    const records = read('r1v_geoqa_qwen2vl7b_instruct.json');
    assert.equal(records[0].traces[0].path, 'model_output');
    assert.equal(records[0].groundTruth?.text, '140°');
    assert.equal(records[0].groundTruth?.path, 'ground_truth');
    assert.match(records[0].prompt!.text, /^As shown in the figure/);
    // Every record's span is its object in the results array, and offsets land on the text.
    for (const record of records) {
      assert.equal(text[record.span.start], '{');
      const out = record.traces[0].output;
      const at = out.text.indexOf('</think>');
      if (at >= 0) assert.equal(text.slice(out.toSource(at), out.toSource(at + 8)), '</think>');
    }
  });

  it('skythought: traces from code[0], ground truth gt / answer, 100K+ lines', () => {
    const records = read('skythought_sky-t1-14b-wrong5k_aime24.head12.jsonl');
    assert.ok(records.every((r) => r.traces[0].path === 'code[0]'));
    assert.equal(records[0].groundTruth?.text, '204');
    assert.ok(['gt', 'answer'].includes(records[0].groundTruth!.path));
    assert.ok(records.some((r) => r.traces[0].output.text.length > 100_000));
    assert.equal(records[0].id, '0');
  });

  it('topology: full_response with ground_truth and item_id; the distill has no opening tag', () => {
    const r1 = read('topology_math500_deepseek_r1.jsonl');
    assert.ok(r1.every((r) => r.traces[0].path === 'full_response' && r.traces[0].output.text.startsWith('<think>')));
    assert.equal(r1[0].id, 'math500_0000');
    const distill = read('topology_math500_r1distill_qwen7b.jsonl');
    assert.ok(distill.every((r) => !r.traces[0].output.text.includes('<think>')));
    assert.equal(distill[0].groundTruth?.path, 'ground_truth');
  });

  it('minimind: conversations with role/content, Chinese', () => {
    const text = readCorpus('minimind_r1_data_toy.jsonl');
    const records = read('minimind_r1_data_toy.jsonl');
    assert.equal(records[0].traces[0].path, 'conversations[1].content');
    assert.match(records[0].prompt!.text, /阿里巴巴/);
    const out = records[0].traces[0].output;
    const at = out.text.indexOf('</think>');
    assert.equal(text.slice(out.toSource(at), out.toSource(at + 8)), '</think>');
  });
});
