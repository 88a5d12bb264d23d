// Writes the three TextMate grammars of the `cot-trace` language from one description,
// so plain .cot files and string values inside JSON / JSON Lines share the same rules.
//
//   node syntaxes/generate.mjs          rewrite the grammar files
//   node syntaxes/generate.mjs --check  exit 1 if a file is out of date
//
// Two dialects are produced from the same rule set:
//   plain  - a .cot / .think file: real line breaks, LaTeX written with one backslash.
//   json   - the inside of a JSON string: a line break is the escape `\n`, LaTeX commands
//            are written `\\boxed`, and every region must stop at an unescaped `"` so an
//            unclosed tag never swallows the string's closing quote.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const S = '.cot-trace';

/** Role headers that open a section of a .cot file. */
const ROLES = ['User', 'Assistant', 'System', 'Expected'];
const ROLE_HEADER_AHEAD = `(?=^(?:${ROLES.join('|')}):)`;

/** Self-correction openers (the R1 "aha" behaviour), matched only at a sentence start. */
const AHA_EN =
  '(?i:but\\s+wait|no,?\\s+wait|wait|hmm+|let\\s+me\\s+(?:re-?check|double-?\\s?check|check\\s+again|verify|re-?examine|reconsider|re-?evaluate|re-?think)' +
  '|alternatively|actually|hold\\s+on|on\\s+second\\s+thought|oops|oh(?=[,!]))\\b';
const AHA_ZH = '(?:等等|等一下|不对|嗯|让我再?(?:检查|验证|确认|想想)一下)(?=[，,、！!。：:\\s…]|$)';
const AHA = `(?:${AHA_EN}|${AHA_ZH})`;

/** Marks a JSON string as a trace: only such strings get trace highlighting. */
const TRACE_MARKERS = [
  '<think>',
  '</think>',
  '<answer>',
  '<reasoning>',
  '<\\|begin_of_thought\\|>',
  '<\\|begin_of_solution\\|>',
  '\\|special_token\\|',
  '\\\\\\\\boxed\\{',
  `\\\\n[ \\t]*${AHA}`,
];

function tagCaptures(tagScope) {
  return {
    0: { name: `meta.tag${S}` },
    1: { name: `punctuation.definition.tag.begin${S}` },
    2: { name: tagScope },
    3: { name: `punctuation.definition.tag.end${S}` },
  };
}

/**
 * Builds the repository and top-level patterns of one dialect.
 * @param {boolean} json true for the inside of a JSON string
 */
function rules(json) {
  // Every begin/end region also ends here: at a string's closing quote (json) or at the
  // next record header (plain).
  const stop = json ? '|(?=")' : `|${ROLE_HEADER_AHEAD}`;
  const bs = json ? '\\\\\\\\' : '\\\\'; // one LaTeX backslash, as a regex
  const textChar = json ? '(?:[^"\\\\]|\\\\.)' : '.';
  const esc = json ? [{ include: '#escape' }] : [];

  const block = (name, content, open, close, closeTag, extra = {}) => ({
    name: `meta.block.${name}${S}`,
    contentName: content,
    begin: open,
    beginCaptures: tagCaptures(closeTag),
    end: `${close}${stop}`,
    endCaptures: tagCaptures(closeTag),
    patterns: [{ include: '#inline' }],
    ...extra,
  });
  const thought = (name) => `meta.block.${name}.content${S} comment.block.thought${S}`;
  const xmlOpen = (tag) => `(<)(${tag})(>)`;
  const xmlClose = (tag) => `(</)(${tag})(>)`;
  const otOpen = (what) => `(<\\|)(begin_of_${what})(\\|>)`;
  const otClose = (what) => `(<\\|)(end_of_${what})(\\|>)`;

  // Sentence start: line start, after . ? ! : and spaces, after CJK sentence punctuation,
  // or right after an opening tag. In JSON strings a line starts after the escape `\n`.
  const sentenceStart = json
    ? '(?:((?:\\\\[nrt])+)[ \\t]*|(?<=[.?!:])[ \\t]+|(?<=[。！？：]|<think>|<reasoning>|\\|special_token\\||_of_thought\\|>|_of_solution\\|>)[ \\t]*|\\G[ \\t]*)'
    : '(?:^[ \\t]*|(?<=[.?!:])[ \\t]+|(?<=[。！？：]|<think>|<reasoning>|\\|special_token\\||_of_thought\\|>|_of_solution\\|>)[ \\t]*)';

  const repository = {
    'role-header': {
      match: `${json ? '((?:\\\\n)+|\\G)' : '(^)'}(?:(User)|(Assistant)|(System)|(Expected))(:)`,
      name: `meta.role-header${S}`,
      captures: {
        1: json ? { name: `constant.character.escape.json${S}` } : undefined,
        2: { name: `markup.heading.role.user${S}` },
        3: { name: `markup.heading.role.assistant${S}` },
        4: { name: `markup.heading.role.system${S}` },
        5: { name: `markup.heading.role.expected${S}` },
        6: { name: `punctuation.separator.role${S}` },
      },
    },
    blocks: {
      patterns: [
        { include: '#think' },
        { include: '#reasoning' },
        { include: '#answer' },
        { include: '#openthoughts-thought' },
        { include: '#openthoughts-solution' },
        { include: '#cold-start' },
        { include: '#cold-start-summary' },
      ],
    },
    think: block('think', thought('think'), xmlOpen('think'), xmlClose('think'), `entity.name.tag.think${S}`),
    reasoning: block(
      'reasoning',
      thought('reasoning'),
      xmlOpen('reasoning'),
      xmlClose('reasoning'),
      `entity.name.tag.reasoning${S}`,
    ),
    answer: block(
      'answer',
      `meta.block.answer.content${S}`,
      xmlOpen('answer'),
      xmlClose('answer'),
      `entity.name.tag.answer${S}`,
    ),
    'openthoughts-thought': block(
      'thought',
      thought('thought'),
      otOpen('thought'),
      otClose('thought'),
      `entity.name.tag.thought${S}`,
    ),
    'openthoughts-solution': block(
      'solution',
      `meta.block.solution.content${S}`,
      otOpen('solution'),
      otClose('solution'),
      `entity.name.tag.solution${S}`,
    ),
    // Cold-start layout: |special_token|<reasoning>|special_token|<summary>
    'cold-start': block(
      'cold-start.reasoning',
      thought('cold-start.reasoning'),
      '(\\|)(special_token)(\\|)',
      '(\\|)(special_token)(\\|)',
      `entity.name.tag.special-token${S}`,
    ),
    'cold-start-summary': {
      name: `meta.block.cold-start.summary${S}`,
      // Needs one character after the token, so the region never opens and closes in place.
      begin: json ? '(?<=\\|special_token\\|)(?=[^"])' : '(?<=\\|special_token\\|)',
      end: json ? '(?=")' : ROLE_HEADER_AHEAD,
      // Every block but the summary itself, which would reopen in place after the token.
      patterns: [
        { include: '#think' },
        { include: '#reasoning' },
        { include: '#answer' },
        { include: '#openthoughts-thought' },
        { include: '#openthoughts-solution' },
        { include: '#cold-start' },
        { include: '#inline' },
      ],
    },
    tag: {
      patterns: [
        {
          match: '(</?)(think|answer|reasoning)(>)',
          captures: tagCaptures(`entity.name.tag${S}`),
        },
        {
          match: '(<\\|)((?:begin|end)_of_(?:thought|solution))(\\|>)',
          captures: tagCaptures(`entity.name.tag${S}`),
        },
        {
          match: '(\\|)(special_token)(\\|)',
          captures: tagCaptures(`entity.name.tag.special-token${S}`),
        },
      ],
    },
    inline: {
      patterns: [
        { include: '#fenced-code' },
        { include: '#boxed' },
        { include: '#math' },
        { include: '#inline-code' },
        { include: '#self-correction' },
        { include: '#tag' },
        ...esc,
      ],
    },
    'self-correction': {
      match: `${sentenceStart}(${AHA})`,
      captures: json
        ? { 1: { name: `constant.character.escape.json${S}` }, 2: { name: `keyword.control.self-correction${S}` } }
        : { 1: { name: `keyword.control.self-correction${S}` } },
    },
    boxed: {
      name: `meta.boxed${S}`,
      contentName: `markup.bold.boxed${S}`,
      begin: `(${bs}(?:boxed|fbox))\\s*(\\{)`,
      beginCaptures: {
        1: { name: `support.function.boxed${S}` },
        2: { name: `punctuation.definition.boxed.begin${S}` },
      },
      end: json ? '(\\})|(?=")' : '(\\})|(?=$)',
      endCaptures: { 1: { name: `punctuation.definition.boxed.end${S}` } },
      patterns: [{ include: '#braces' }, { include: '#math-content' }],
    },
    braces: {
      begin: '\\{',
      beginCaptures: { 0: { name: `punctuation.section.braces.begin${S}` } },
      end: json ? '(\\})|(?=")' : '(\\})|(?=$)',
      endCaptures: { 1: { name: `punctuation.section.braces.end${S}` } },
      patterns: [{ include: '#braces' }, { include: '#math-content' }],
    },
    'math-content': {
      patterns: [
        { match: `${bs}(?:[A-Za-z]+|[,;:!{}])`, name: `support.function.latex${S}` },
        { match: '(?<![\\w.])\\d+(?:\\.\\d+)?', name: `constant.numeric${S}` },
        ...esc,
      ],
    },
    math: {
      patterns: [
        {
          name: `markup.math.block${S}`,
          begin: '\\$\\$',
          beginCaptures: { 0: { name: `punctuation.definition.math.begin${S}` } },
          end: `(\\$\\$)|(?=</think>|</answer>|<\\|end_of_)${stop}`,
          endCaptures: { 1: { name: `punctuation.definition.math.end${S}` } },
          patterns: [{ include: '#math-content' }],
        },
        {
          name: `markup.math.block${S}`,
          begin: `${bs}\\[`,
          beginCaptures: { 0: { name: `punctuation.definition.math.begin${S}` } },
          end: `(${bs}\\])|(?=</think>|</answer>|<\\|end_of_)${stop}`,
          endCaptures: { 1: { name: `punctuation.definition.math.end${S}` } },
          patterns: [{ include: '#math-content' }],
        },
        {
          name: `markup.math.inline${S}`,
          match: `(${bs}\\()(${textChar}+?)(${bs}\\))`,
          captures: {
            1: { name: `punctuation.definition.math.begin${S}` },
            2: { patterns: [{ include: '#math-content' }] },
            3: { name: `punctuation.definition.math.end${S}` },
          },
        },
        {
          // $…$ the way pandoc reads it: no space inside the dollars, no digit after the
          // closing one, so "costs $5 and $10" stays plain text.
          name: `markup.math.inline${S}`,
          match: json
            ? '(?<![\\\\$])(\\$)(?=[^\\s$"])((?:[^$"\\\\]|\\\\[^n"])+?)(?<=[^\\s])(\\$)(?![\\d$])'
            : '(?<![\\\\$])(\\$)(?=[^\\s$])((?:[^$\\\\]|\\\\.)+?)(?<=[^\\s\\\\])(\\$)(?![\\d$])',
          captures: {
            1: { name: `punctuation.definition.math.begin${S}` },
            2: { patterns: [{ include: '#math-content' }] },
            3: { name: `punctuation.definition.math.end${S}` },
          },
        },
      ],
    },
    'inline-code': {
      name: `markup.inline.raw.string${S}`,
      match: json ? '(?<!`)(`)((?:[^`"\\\\]|\\\\.)+?)(`)(?!`)' : '(?<!`)(`)([^`]+)(`)(?!`)',
      captures: {
        1: { name: `punctuation.definition.raw${S}` },
        2: json ? { patterns: esc } : undefined,
        3: { name: `punctuation.definition.raw${S}` },
      },
    },
    'fenced-code': json
      ? {
          name: `markup.fenced_code.block${S}`,
          contentName: `markup.raw.block${S}`,
          begin: '(?:(?<=\\\\n)|\\G)[ \\t]*(`{3,}|~{3,})([\\w+#.-]*)',
          beginCaptures: {
            1: { name: `punctuation.definition.fence${S}` },
            2: { name: `fenced_code.block.language${S}` },
          },
          end: '(?<=\\\\n)[ \\t]*(\\1)|(?=")',
          endCaptures: { 1: { name: `punctuation.definition.fence${S}` } },
          patterns: esc,
        }
      : {
          name: `markup.fenced_code.block${S}`,
          contentName: `markup.raw.block${S}`,
          begin: '^[ \\t]*(`{3,}|~{3,})[ \\t]*([\\w+#.-]*).*$',
          beginCaptures: {
            1: { name: `punctuation.definition.fence${S}` },
            2: { name: `fenced_code.block.language${S}` },
          },
          end: `^[ \\t]*(\\1)[ \\t]*$|${ROLE_HEADER_AHEAD}`,
          endCaptures: { 1: { name: `punctuation.definition.fence${S}` } },
        },
  };

  if (json) {
    repository.escape = {
      patterns: [
        { match: '\\\\(?:["\\\\/bfnrt]|u[0-9a-fA-F]{4})', name: `constant.character.escape.json${S}` },
        { match: '\\\\.', name: `invalid.illegal.unrecognized-string-escape.json${S}` },
      ],
    };
    // A string holding a reasoning whose opening <think> was prefilled by the chat template:
    // everything up to the first </think> is thought.
    repository['prefilled-think'] = {
      name: `meta.block.think.prefilled${S}`,
      contentName: thought('think'),
      begin: '\\G(?=(?:[^"\\\\<]|\\\\.|<(?!/?think>))*</think>)',
      end: `${xmlClose('think')}|(?=")`,
      endCaptures: tagCaptures(`entity.name.tag.think${S}`),
      patterns: [{ include: '#inline' }],
    };
  }

  const top = [
    ...(json ? [{ include: '#prefilled-think' }] : []),
    { include: '#role-header' },
    { include: '#blocks' },
    { include: '#inline' },
  ];
  return { top, repository };
}

function plainGrammar() {
  const { top, repository } = rules(false);
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'CoT Trace',
    scopeName: 'source.cot-trace',
    comment: 'Generated by syntaxes/generate.mjs; edit that file, not this one.',
    patterns: top,
    repository,
  };
}

function jsonInjection() {
  const { top, repository } = rules(true);
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'CoT Trace in JSON strings',
    scopeName: 'injection.cot-trace.json',
    comment:
      'Generated by syntaxes/generate.mjs. Injected into JSON and JSON Lines string values (keys are untouched); ' +
      'a string is treated as a trace only when it contains a trace marker.',
    injectionSelector: `L:string.quoted.double.json -meta.trace${S}`,
    patterns: [
      {
        name: `meta.trace${S}`,
        begin: `\\G(?=(?:[^"\\\\]|\\\\.)*?(?:${TRACE_MARKERS.join('|')}))`,
        end: '(?=")',
        patterns: top,
      },
    ],
    repository,
  };
}

function markdownInjection() {
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'CoT Trace code blocks in Markdown',
    scopeName: 'markdown.cot-trace.codeblock',
    comment: 'Generated by syntaxes/generate.mjs. Fenced ```cot, ```cot-trace and ```think blocks.',
    injectionSelector: 'L:text.html.markdown -markup.fenced_code -markup.raw -meta.embedded',
    patterns: [
      {
        name: 'markup.fenced_code.block.markdown',
        begin: '(^|\\G)(\\s*)(`{3,}|~{3,})\\s*(?i:(cot-trace|cot|think)((\\s+|:|,|\\{|\\?)[^`]*)?$)',
        beginCaptures: {
          3: { name: 'punctuation.definition.markdown' },
          4: { name: 'fenced_code.block.language.markdown' },
          5: { name: 'fenced_code.block.language.attributes.markdown' },
        },
        end: '(^|\\G)(\\2|\\s{0,3})(\\3)\\s*$',
        endCaptures: { 3: { name: 'punctuation.definition.markdown' } },
        patterns: [
          {
            begin: '(^|\\G)(\\s*)(.*)',
            while: '(^|\\G)(?!\\s*([`~]{3,})\\s*$)',
            contentName: 'meta.embedded.block.cot-trace',
            patterns: [{ include: 'source.cot-trace' }],
          },
        ],
      },
    ],
  };
}

export const outputs = {
  'cot-trace.tmLanguage.json': plainGrammar(),
  'cot-trace.json-injection.tmLanguage.json': jsonInjection(),
  'cot-trace.markdown-injection.tmLanguage.json': markdownInjection(),
};

/** The exact text written for one grammar. */
export function render(grammar) {
  return `${JSON.stringify(grammar, null, 2)}\n`;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [file, grammar] of Object.entries(outputs)) {
    const path = join(here, file);
    const text = render(grammar);
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      current = '';
    }
    if (current === text) continue;
    if (check) {
      console.error(`${file} is out of date: run node syntaxes/generate.mjs`);
      stale++;
    } else {
      writeFileSync(path, text);
      console.log(`wrote syntaxes/${file}`);
    }
  }
  if (stale) process.exit(1);
}
