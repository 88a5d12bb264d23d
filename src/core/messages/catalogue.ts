import type { MessageText } from './format';
import { CLI_MESSAGES } from './cliCatalogue';
import { ANSWER_MESSAGES } from './answerCatalogue';

/**
 * Every message of the engine and the editor features, in English and Simplified Chinese.
 * The English texts are the findings' `message` (the CLI's output, the reward server's and the
 * tests read them): change one and the output changes. The Chinese texts use the R1 paper's own
 * terms (思考, 答案, 奖励, 格式奖励, 准确率奖励, 语言一致性 …) and keep code, markers and numbers as
 * they are. `{name}` is an argument; both texts of a message have the same ones (checked by
 * test/unit/messages.test.ts). An argument may be another message (`section.thought` …).
 */
export const MESSAGES = {
  // ── Rules ────────────────────────────────────────────────────────────────────────────────
  'answer-incorrect': {
    en: 'Final answer {answer} does not match the ground truth {expected}{reason}: drop or regenerate this output, or correct the ground truth if it is the one that is wrong.',
    zh: '最终答案 {answer} 与标准答案 {expected} 不符{reason}：丢弃或重新生成这条输出；如果错的是标准答案，就改正它。',
  },
  'answer-missing': {
    en: 'No final answer to check against the ground truth {expected}: the checker finds no final value in this output (no answer marker, box or closing statement it reads); its accuracy reward is 0. Drop or regenerate the output, or mark its final answer in the record if it is written in words.',
    zh: '没有可与标准答案 {expected} 对照的最终答案：检查器在这条输出中找不到最终值（没有它能读取的答案标记、方框或结尾陈述）；其准确率奖励为 0。丢弃或重新生成这条输出；如果最终答案是用文字写的，就在记录中标出它。',
  },
  'answer-unboxed': {
    en: 'The final answer {answer} was read from {how}, not from \\boxed{}: box it in the record so that box-only verifiers can score it.',
    zh: '最终答案 {answer} 是从{how}中读出的，不是从 \\boxed{} 中：请在记录中把它放进 \\boxed{}，让只认方框的验证器也能给它打分。',
  },
  'answer-unboxed.how.phrase': { en: '"the answer is …"', zh: '“the answer is …”一类的短语' },
  'answer-unboxed.how.hashes': { en: 'a "####" line', zh: '“####”行' },
  'answer-unboxed.how.bold': { en: 'a bold value', zh: '加粗的值' },
  'answer-unboxed.how.math': { en: 'the last math of the answer', zh: '答案中最后一个数学式' },
  'answer-unboxed.how.sentence': { en: 'the word its final sentence states', zh: '最后一句所陈述的词' },
  'answer-unchecked.no-ground-truth': {
    en: 'No ground truth for this record: the answer cannot be checked (accuracy reward is null). Add the reference answer to the record.',
    zh: '这条记录没有标准答案：答案无法检查（准确率奖励为 null）。请在记录中加入参考答案。',
  },
  'answer-unchecked.not-checkable': {
    en: 'The answer cannot be checked ({reason}); accuracy reward is null. Check the ground truth of this record.',
    zh: '答案无法检查（{reason}）；准确率奖励为 null。请检查这条记录的标准答案。',
  },
  'answer-unchecked.reason': { en: 'not checkable', zh: '无法检查' },
  'code-in-thought': {
    en: 'Code block in the chain of thought: R1 kept such outputs out of its reasoning data; drop the record if the dataset should reason in prose.',
    zh: '思考过程中有代码块：R1 把这类输出排除在推理数据之外；如果数据集应当用自然语言推理，就丢弃这条记录。',
  },
  'duplicate-tag': {
    en: '{tag} appears more than once (it belongs once in an output): remove the extra marker in the record, or drop the output.',
    zh: '{tag} 出现了不止一次（一条输出中只应出现一次）：删除记录中多余的标记，或丢弃这条输出。',
  },
  'duplicate-tag.fix': { en: 'Remove this {tag}', zh: '删除这个 {tag}' },
  'empty-thought': {
    en: "The thought is empty: this output shows no reasoning; drop the record unless empty thoughts are intended (as in R1's non-reasoning data).",
    zh: '思考为空：这条输出没有任何推理；除非有意保留空思考（如 R1 的非推理数据），否则丢弃这条记录。',
  },
  'language-mixing': {
    en: 'Not in the target language ({target}): {words} {script} words; the thought is {percent}% {target}{more}; drop or regenerate the output if the dataset should reason in one language.',
    zh: '不是目标语言（{target}）：{words} 个 {script} 词；思考中 {percent}% 为 {target}{more}；如果数据集应当只用一种语言推理（语言一致性），就丢弃或重新生成这条输出。',
  },
  'language-mixing.one': {
    en: 'Not in the target language ({target}): {words} {script} word; the thought is {percent}% {target}{more}; drop or regenerate the output if the dataset should reason in one language.',
    zh: '不是目标语言（{target}）：{words} 个 {script} 词；思考中 {percent}% 为 {target}{more}；如果数据集应当只用一种语言推理（语言一致性），就丢弃或重新生成这条输出。',
  },
  'language-mixing.more': { en: ' ({count} more not shown)', zh: '（另有 {count} 处未列出）' },
  'long-paragraph': {
    en: 'Paragraph of {chars} characters in the thought (at most {max}): hard to read; split it at its steps in the record, or drop the output.',
    zh: '思考中有一段 {chars} 个字符的段落（最多 {max}）：难以阅读；请在记录中按步骤拆分，或丢弃这条输出。',
  },
  'misordered-sections': {
    en: '{tag} comes before the chain of thought: the output answers first; drop or regenerate it.',
    zh: '{tag} 出现在思考过程之前：这条输出先给出了答案；请丢弃或重新生成。',
  },
  'missing-answer-section.empty': { en: 'The answer section is empty.', zh: '答案部分为空。' },
  'missing-answer-section.markers': {
    en: 'No `{open}…{close}` after the thought{dataset}: put the final answer in these markers in the record, or drop the output.',
    zh: '思考之后没有 `{open}…{close}`{dataset}：请在记录中把最终答案放进这对标记，或丢弃这条输出。',
  },
  'missing-answer-section.dataset': { en: " (the markers of this dataset's other outputs)", zh: '（本数据集其他输出所用的标记）' },
  'missing-answer-section.nothing': { en: 'Nothing follows the thought: the answer is missing.', zh: '思考之后什么也没有：缺少答案。' },
  'missing-summary': {
    en: 'The answer is only {chars} characters: the output has no summary of its reasoning after the thought (at least {min}); add one to the record or drop it.',
    zh: '答案只有 {chars} 个字符：这条输出在思考之后没有总结其推理（至少 {min} 个字符）；请在记录中补上总结，或丢弃它。',
  },
  'missing-thought.answer-first': {
    en: 'The answer has no chain of thought before it: no `<think>…</think>` block. Drop the output, or regenerate it with its reasoning.',
    zh: '答案之前没有思考过程：没有 `<think>…</think>` 块。丢弃这条输出，或连同推理重新生成。',
  },
  'missing-thought.none': {
    en: 'No chain of thought: the output has no `<think>…</think>` block (or any other thought markers). Drop the output, or regenerate it with its reasoning.',
    zh: '没有思考过程：这条输出没有 `<think>…</think>` 块（也没有其他思考标记）。丢弃这条输出，或连同推理重新生成。',
  },
  'nested-thought': {
    en: '{tag} opens again inside its own open section (markers do not nest): remove the inner marker in the record, or drop the output.',
    zh: '{tag} 在它自己尚未关闭的部分里再次打开（标记不能嵌套）：删除记录中内层的标记，或丢弃这条输出。',
  },
  'nested-thought.fix': { en: 'Remove the inner {tag}', zh: '删除内层的 {tag}' },
  overlong: {
    en: 'Over-long output: {length} {unit}, soft limit {soft}, hard limit {hard}: overlong score {score}.',
    zh: '输出过长：{length} {unit}，软上限 {soft}，硬上限 {hard}：超长奖励 {score}。',
  },
  'overlong.tokens': { en: 'tokens (estimated)', zh: '个词元（估计）' },
  'overlong.characters': { en: 'characters', zh: '个字符' },
  'repetition-loop.sentence': {
    en: 'Repetition loop: the sentence "{unit}" occurs {repeats} times in a row: the output degenerated; drop or regenerate it.',
    zh: '重复循环：句子“{unit}”连续出现 {repeats} 次：输出已经退化；请丢弃或重新生成。',
  },
  'repetition-loop.cycle': {
    en: 'Repetition loop: a cycle of {period} sentences, "{unit}", occurs {repeats} times in a row: the output degenerated; drop or regenerate it.',
    zh: '重复循环：由 {period} 个句子组成的循环“{unit}”连续出现 {repeats} 次：输出已经退化；请丢弃或重新生成。',
  },
  'stray-closing-tag': {
    en: '{tag} closes nothing: no opening marker comes before it; the record lacks the opening marker (or holds an extra closing one).',
    zh: '{tag} 没有可关闭的部分：它之前没有开始标记；记录缺少开始标记（或多了一个结束标记）。',
  },
  'text-after-answer': {
    en: "Text after the closing answer marker: strict format checks (open-r1's regex) reject this output; trim it in the record.",
    zh: '答案结束标记之后还有文本：严格的格式检查（open-r1 的正则表达式）会拒绝这条输出；请在记录中删去这段文本。',
  },
  'text-after-answer.fix': { en: 'Delete the text after the answer', zh: '删除答案之后的文本' },
  'text-before-thought': {
    en: 'Text before {what}: the output does not start with its thought, so strict format checks reject it; remove that text in the record, or drop the output.',
    zh: '{what}之前有文本：这条输出不以思考开头，因此严格的格式检查会拒绝它；请删除记录中的这段文本，或丢弃这条输出。',
  },
  'text-before-thought.the-thought': { en: 'the thought', zh: '思考' },
  'truncated.near-limit': {
    en: 'The text ends inside the {where} ({length} characters, never closed), near the length limit: the generation was probably cut off. Drop the output, or regenerate it with more room.',
    zh: '文本在{where}内部结束（{length} 个字符，从未关闭），接近长度上限：生成很可能被截断了。丢弃这条输出，或留出更多长度重新生成。',
  },
  'truncated.incomplete': {
    en: 'The text ends inside the {where} without closing it ({length} characters): the output is incomplete; drop or regenerate it.',
    zh: '文本在{where}内部结束且没有关闭（{length} 个字符）：输出不完整；请丢弃或重新生成。',
  },
  'unclosed-thought': { en: '{what} is never closed: add {close} before the answer.', zh: '{what}从未关闭：请在答案之前加上 {close}。' },
  'unclosed-thought.the-thought': { en: 'The thought', zh: '思考' },
  'unclosed-thought.fix': { en: 'Insert {close} before the answer', zh: '在答案之前插入 {close}' },
  'section.thought': { en: 'thought', zh: '思考' },
  'section.answer': { en: 'answer', zh: '答案' },
  'common.reason': { en: ' ({reason})', zh: '（{reason}）' },

  // ── The engine and the readers ───────────────────────────────────────────────────────────
  'engine.rule-failed': { en: 'Rule {rule} failed on this trace: {error}', zh: '规则 {rule} 在这条推理轨迹上运行失败：{error}' },
  'engine.checks-failed': { en: 'The checks failed on this record: {error}', zh: '这条记录的检查失败：{error}' },
  'reader.invalid-json-line': { en: 'Invalid JSON on this line: {error} (column {column}).', zh: '这一行不是有效的 JSON：{error}（第 {column} 列）。' },
  'reader.invalid-json': { en: 'Invalid JSON: {error} (line {line}, column {column}).', zh: '无效的 JSON：{error}（第 {line} 行，第 {column} 列）。' },
  'reader.invalid-utf8': { en: 'Line {line} holds bytes that are not valid UTF-8 (read as U+FFFD).', zh: '第 {line} 行含有无效的 UTF-8 字节（按 U+FFFD 读入）。' },
  'reader.no-assistant': {
    en: 'This record has no "Assistant:" block: there is no model output to check.',
    zh: '这条记录没有 "Assistant:" 块：没有可检查的模型输出。',
  },
  'reader.no-trace': {
    en: 'No model output found in this record ({what}).{hint} Point "fields.trace" in .cot-trace.json at it.',
    zh: '这条记录中没有找到模型输出（{what}）。{hint}请在 .cot-trace.json 中用 "fields.trace" 指向它。',
  },
  'reader.no-trace.keys': { en: 'its keys are {keys}', zh: '它的键是 {keys}' },
  'reader.no-trace.empty': { en: 'it is an empty object', zh: '它是一个空对象' },
  'reader.no-trace.not-object': { en: 'it is {kind}, not an object', zh: '它是{kind}，不是对象' },
  'reader.no-trace.verl': {
    en: ' It is a verl training row (data_source, prompt, reward_model): it holds prompts, not model outputs; check the rollouts instead.',
    zh: '这是 verl 的训练行（data_source、prompt、reward_model）：其中是提示，不是模型输出；请改为检查 rollout。',
  },
  'reader.no-trace.openrlhf': {
    en: ' It is an OpenRLHF prompt row (input, label): it holds prompts, not model outputs.',
    zh: '这是 OpenRLHF 的提示行（input、label）：其中是提示，不是模型输出。',
  },
  'reader.unsupported-document': {
    en: 'This JSON document is {kind}; expected an array of records or an object holding one (such as {"results": [...]}).',
    zh: '这个 JSON 文档是{kind}；应当是记录的数组，或包含这样一个数组的对象（例如 {"results": [...]}）。',
  },
  'kind.array': { en: 'an array', zh: '数组' },
  'kind.null': { en: 'null', zh: 'null' },
  'kind.a-null': { en: 'a null', zh: 'null' },
  'kind.string': { en: 'a string', zh: '字符串' },
  'kind.number': { en: 'a number', zh: '数字' },
  'kind.boolean': { en: 'a boolean', zh: '布尔值' },
  'kind.object-without-records': { en: 'an object without an array of records', zh: '不含记录数组的对象' },
  'json.invalid': { en: 'not valid JSON', zh: '不是有效的 JSON' },
  'json.InvalidSymbol': { en: 'unexpected character', zh: '意外的字符' },
  'json.InvalidNumberFormat': { en: 'malformed number', zh: '数字格式错误' },
  'json.PropertyNameExpected': { en: 'a property name was expected', zh: '此处应为属性名' },
  'json.ValueExpected': { en: 'a value was expected', zh: '此处应为值' },
  'json.ColonExpected': { en: 'a colon was expected', zh: '此处应为冒号' },
  'json.CommaExpected': { en: 'a comma was expected', zh: '此处应为逗号' },
  'json.CloseBraceExpected': { en: 'a closing brace was expected', zh: '此处应为右花括号' },
  'json.CloseBracketExpected': { en: 'a closing bracket was expected', zh: '此处应为右方括号' },
  'json.EndOfFileExpected': { en: 'unexpected text after the value', zh: '值之后有多余的文本' },
  'json.InvalidCommentToken': { en: 'comments are not allowed', zh: '不允许注释' },
  'json.UnexpectedEndOfComment': { en: 'unterminated comment', zh: '注释没有结束' },
  'json.UnexpectedEndOfString': { en: 'unterminated string', zh: '字符串没有结束' },
  'json.UnexpectedEndOfNumber': { en: 'unterminated number', zh: '数字没有结束' },
  'json.InvalidUnicode': { en: 'malformed \\u escape', zh: '\\u 转义格式错误' },
  'json.InvalidEscapeCharacter': { en: 'invalid escape character', zh: '无效的转义字符' },
  'json.InvalidCharacter': { en: 'invalid character in a string (control characters must be escaped)', zh: '字符串中有无效字符（控制字符必须转义）' },

  // ── Summaries, breakdowns and explanations (code lenses, hovers, `score --explain`) ───────
  'summary.reward': { en: 'reward {value}', zh: '奖励 {value}' },
  'summary.format': { en: 'format {mark}', zh: '格式 {mark}' },
  'summary.lang': { en: 'lang {value}', zh: '语言 {value}' },
  'summary.no-answer': { en: 'acc: no answer', zh: '准确率：无答案' },
  'summary.acc': { en: 'acc {mark}{unboxed}', zh: '准确率 {mark}{unboxed}' },
  'summary.unboxed': { en: ' (not boxed)', zh: '（未加框）' },
  'summary.not-scored': { en: 'not scored', zh: '未评分' },
  'summary.not-scored-rule': { en: 'not scored: {rule}', zh: '未评分：{rule}' },
  'summary.traces': { en: '{count} traces', zh: '{count} 条推理轨迹' },
  'summary.mean-reward': { en: 'mean reward {value}', zh: '平均奖励 {value}' },
  'summary.format-count': { en: 'format {ok}/{total}', zh: '格式 {ok}/{total}' },
  'summary.acc-count': { en: 'acc {ok}/{total}', zh: '准确率 {ok}/{total}' },
  'explain.answer': { en: 'Answer: {answer}{method}', zh: '答案：{answer}{method}' },
  'explain.method': { en: ' ({method})', zh: '（{method}）' },
  'explain.none': { en: 'none extracted', zh: '未提取到' },
  'explain.expected': { en: 'expected {expected}', zh: '标准答案 {expected}' },
  'explain.compared': { en: 'compared {answer} with {reference}', zh: '比较 {answer} 与 {reference}' },
  'explain.because': { en: '{verdict}: {reason}', zh: '{verdict}：{reason}' },
  'method.boxed': { en: 'from \\boxed{}', zh: '取自 \\boxed{}' },
  'method.answer-tag': { en: 'from the answer tags', zh: '取自答案标记' },
  'method.phrase': { en: 'from "the answer is …" (no box)', zh: '取自“the answer is …”一类的短语（无方框）' },
  'method.hashes': { en: 'from a #### line (no box)', zh: '取自 #### 行（无方框）' },
  'method.bold': { en: 'from a bold final value (no box)', zh: '取自加粗的最终值（无方框）' },
  'method.math': { en: 'from the last math of the answer (no box)', zh: '取自答案中最后一个数学式（无方框）' },
  'method.sentence': { en: 'from the word the final sentence states (no box)', zh: '取自最后一句所陈述的词（无方框）' },
  'verdict.no-answer': { en: 'no final answer found', zh: '未找到最终答案' },
  'verdict.not-judged': { en: 'not judged', zh: '未评判' },
  'verdict.not-checkable': { en: 'not checkable', zh: '无法检查' },
  'verdict.correct': { en: 'correct ✓{unboxed}', zh: '正确 ✓{unboxed}' },
  'verdict.wrong': { en: 'wrong ✗{unboxed}', zh: '错误 ✗{unboxed}' },
  'verdict.unboxed': { en: ', not boxed', zh: '，未加框' },
  'breakdown.header': { en: '| reward | value | weight | contribution |', zh: '| 奖励 | 值 | 权重 | 贡献 |' },
  'breakdown.total': { en: '**total**', zh: '**总计**' },
  'breakdown.na': { en: 'n/a', zh: '不适用' },
  'breakdown.convention': { en: 'Convention: {convention} · field {path}', zh: '格式约定：{convention} · 字段 {path}' },
  'breakdown.language': { en: 'Language: target {target}, consistency {ratio}{mix}', zh: '语言：目标 {target}，语言一致性 {ratio}{mix}' },
  'breakdown.mix': { en: ' (mix: {mix})', zh: '（混合：{mix}）' },
  'breakdown.stats': { en: 'Thought {thought} · answer {answer} · {words} · {reflections}', zh: '思考 {thought} · 答案 {answer} · {words} · {reflections}' },
  'breakdown.not-scored': { en: 'Not scored: no model output could be read from this record.', zh: '未评分：无法从这条记录中读出模型输出。' },
  'breakdown.record': { en: 'Record {number}', zh: '记录 {number}' },
  'breakdown.trace': { en: 'Trace {index} · {path}', zh: '推理轨迹 {index} · {path}' },
  'count.char.one': { en: '{n} char', zh: '{n} 个字符' },
  'count.char': { en: '{n} chars', zh: '{n} 个字符' },
  'count.word.one': { en: '{n} word', zh: '{n} 个词' },
  'count.word': { en: '{n} words', zh: '{n} 个词' },
  'count.reflection.one': { en: '{n} reflection', zh: '{n} 次反思' },
  'count.reflection': { en: '{n} reflections', zh: '{n} 次反思' },

  'convention.configured': { en: '{convention} (set in the configuration)', zh: '{convention}（在配置中设定）' },
  'convention.assumed': {
    en: '{convention} ({percent}% of the first {traces} traces; outliers judged against it)',
    zh: '{convention}（前 {traces} 条推理轨迹中占 {percent}%；离群的轨迹按它评判）',
  },
  'convention.none': { en: 'none assumed (each trace judged on its own{common})', zh: '未假定（每条推理轨迹各自评判{common}）' },
  'convention.none.common': { en: '; the most common convention holds {percent}% of {traces} traces', zh: '；最常见的格式约定占 {traces} 条推理轨迹的 {percent}%' },

  // ── The configuration (.cot-trace.json, the editor's settings, --rule / --weights / --field) ─
  'config.syntax': { en: 'syntax error: {error}', zh: '语法错误：{error}' },
  'config.cannot-read': { en: 'cannot read: {reason}', zh: '无法读取：{reason}' },
  'config.not-object': { en: 'the configuration must be a JSON object', zh: '配置必须是一个 JSON 对象' },
  'config.not-an-object': { en: '"{key}" must be an object', zh: '"{key}" 必须是一个对象' },
  'config.preset': { en: '"preset" must be "default" or "open-r1", not {value}', zh: '"preset" 必须是 "default" 或 "open-r1"，而不是 {value}' },
  'config.rule': { en: 'rule "{id}": expected one of {list} or an options object', zh: '规则 "{id}"：应为 {list} 之一，或一个选项对象' },
  'config.weights.unknown': { en: 'weights: unknown reward "{name}" (known: {list})', zh: 'weights：未知的奖励 "{name}"（已知：{list}）' },
  'config.weights.not-number': { en: 'weights.{name} must be a number', zh: 'weights.{name} 必须是数字' },
  'config.language': { en: '"language" must be a string such as "auto", "en" or "zh"', zh: '"language" 必须是字符串，例如 "auto"、"en" 或 "zh"' },
  'config.convention': { en: '"convention" must be a string', zh: '"convention" 必须是字符串' },
  'config.fields.unknown': { en: 'fields: unknown field "{name}" (known: {list})', zh: 'fields：未知的字段 "{name}"（已知：{list}）' },
  'config.fields.not-paths': { en: 'fields.{name} must be a path or a list of paths', zh: 'fields.{name} 必须是一个路径或路径列表' },
  'config.fields.bad-path': {
    en: 'fields.{name}: {path} is not a field path (keys separated by dots, indices in brackets: results[*].model_output)',
    zh: 'fields.{name}：{path} 不是字段路径（键之间用点分隔，下标写在方括号中：results[*].model_output）',
  },
  'config.overlong.range': {
    en: '"overlong" needs maxLength > 0 and 0 ≤ cache < maxLength (got maxLength {maxLength}, cache {cache})',
    zh: '"overlong" 要求 maxLength > 0 且 0 ≤ cache < maxLength（实际 maxLength 为 {maxLength}，cache 为 {cache}）',
  },
  'config.overlong.shape': {
    en: '"overlong" must be {"maxLength": number, "cache": number, "unit"?: "chars" | "tokens"}',
    zh: '"overlong" 必须是 {"maxLength": number, "cache": number, "unit"?: "chars" | "tokens"} 的形式',
  },
  'config.unknown-setting': { en: 'unknown setting "{key}"', zh: '未知的设置 "{key}"' },
  'config.and': { en: '{first}; {next}', zh: '{first}；{next}' },
  'config.flag.severity': { en: '--rule {item}: severity must be one of {list}', zh: '--rule {item}：严重级别必须是 {list} 之一' },
  'config.flag.unknown-reward': { en: '--weights: unknown reward "{name}" (known: {list})', zh: '--weights：未知的奖励 "{name}"（已知：{list}）' },
  'config.flag.not-number': { en: '--weights {item}: "{value}" is not a number', zh: '--weights {item}：“{value}”不是数字' },
  'config.flag.form': { en: '{flag} {item}: expected {form}', zh: '{flag} {item}：应为 {form} 的形式' },
  'config.problem': { en: '{where}: config: {message}', zh: '{where}: 配置：{message}' },
  'config.ignored': { en: 'CoT Trace settings ignored: {error}', zh: '已忽略 CoT Trace 设置：{error}' },
  'config.check.severity': { en: 'Rule "{id}": severity must be one of {list}.', zh: '规则 "{id}"：严重级别必须是 {list} 之一。' },
  'config.check.unknown-rule': { en: 'Unknown rule "{id}".', zh: '未知的规则 "{id}"。' },
  'config.check.no-option': { en: 'Rule "{id}" has no option "{name}".', zh: '规则 "{id}" 没有选项 "{name}"。' },
  'config.check.bad-option': {
    en: 'Rule "{id}": option "{name}" {problem}; the default ({value}) is used.',
    zh: '规则 "{id}"：选项 "{name}" {problem}；改用默认值（{value}）。',
  },
  'config.option.number': { en: 'must be a number, not {value}', zh: '必须是数字，而不是 {value}' },
  'config.option.integer': { en: 'must be a whole number, not {value}', zh: '必须是整数，而不是 {value}' },
  'config.option.min': { en: 'must be at least {min}, not {value}', zh: '不能小于 {min}，而这里是 {value}' },
  'config.option.max': { en: 'must be at most {max}, not {value}', zh: '不能大于 {max}，而这里是 {value}' },
  'config.option.boolean': { en: 'must be true or false, not {value}', zh: '必须是 true 或 false，而不是 {value}' },
  'config.option.string': { en: 'must be a string, not {value}', zh: '必须是字符串，而不是 {value}' },
  'config.option.list': { en: 'must be a list, not {value}', zh: '必须是列表，而不是 {value}' },
  'config.option.enum': { en: 'must be one of {list}', zh: '必须是 {list} 之一' },
  'config.check.unknown-preset': { en: 'Unknown preset "{preset}".', zh: '未知的预设 "{preset}"。' },
  'config.check.unknown-reward': { en: 'Unknown reward "{name}" in weights.', zh: 'weights 中有未知的奖励 "{name}"。' },
  'config.check.unknown-convention': { en: 'Unknown convention "{convention}".', zh: '未知的格式约定 "{convention}"。' },
  'config.check.joined': { en: '{first} {next}', zh: '{first}{next}' },

  // ── The GRPO calculator's default labels (src/core/grpo/panel.ts), in the page's locale ─────
  'grpo.group': { en: 'Group {n}', zh: '组 {n}' },
  'grpo.output': { en: 'output {n}', zh: '输出 {n}' },
  'grpo.selected': { en: 'Selected rewards', zh: '所选的奖励' },
  'grpo.reward': { en: 'reward', zh: '奖励' },

  // ── The review's decisions file (src/core/review/sidecar.ts) ───────────────────────────────
  'sidecar.torn': { en: 'the last line is incomplete (an interrupted write); it was ignored', zh: '最后一行不完整（写入被中断）；已忽略' },
  'sidecar.invalid-json': { en: 'not valid JSON; skipped', zh: '不是有效的 JSON；已跳过' },
  'sidecar.not-entry': { en: 'not a review entry (needs i, h, d); skipped', zh: '不是审阅条目（需要 i、h、d）；已跳过' },

  // ── Operating-system errors (src/core/node/outputFile.ts), the code kept as it is ──────────
  'os.reason': { en: '{reason} ({code})', zh: '{reason}（{code}）' },
  'os.ENOSPC': { en: 'no space left on device', zh: '设备上没有剩余空间' },
  'os.EDQUOT': { en: 'disk quota exceeded', zh: '超出磁盘配额' },
  'os.EACCES': { en: 'permission denied', zh: '权限不足' },
  'os.EPERM': { en: 'operation not permitted', zh: '不允许该操作' },
  'os.EROFS': { en: 'read-only file system', zh: '文件系统是只读的' },
  'os.ENOENT': { en: 'no such folder', zh: '没有这个文件夹' },
  'os.ENOTDIR': { en: 'a part of the path is not a folder', zh: '路径中有一部分不是文件夹' },
  'os.EISDIR': { en: 'it is a directory', zh: '它是一个目录' },
  'os.EPIPE': { en: 'the reading end was closed', zh: '读取端已关闭' },
  'os.EIO': { en: 'input/output error', zh: '输入/输出错误' },
  'os.EFBIG': { en: 'file too large', zh: '文件过大' },

  // ── The language server's actions and outline ───────────────────────────────────────────
  'server.fix-all': { en: 'Fix all safe CoT Trace problems', zh: '修复所有可安全修复的 CoT Trace 问题' },
  'server.disable-rule': { en: 'Disable {rule} in {file} (for every file it covers)', zh: '在 {file} 中停用 {rule}（对它覆盖的每个文件生效）' },
  'server.show-docs': { en: 'Show documentation for {rule}', zh: '查看 {rule} 的文档' },
  'server.docs-at': { en: 'Documentation of {rule}: {uri}', zh: '{rule} 的文档：{uri}' },
  'server.section.preamble': { en: 'before the thought', zh: '思考之前' },
  'server.column': { en: 'column {path}: {message}', zh: '列 {path}：{message}' },
  'server.section.trailing': { en: 'after the answer', zh: '答案之后' },
  'server.report-capped': {
    en: '{shown} of the {total} problems in this document are listed (the most severe: errors, then warnings, then information; cotTrace.maxProblemsPerReport = {limit}); run `cot-trace lint` on the file for all of them.',
    zh: '本文档共有 {total} 个问题，这里列出其中最严重的 {shown} 个（先错误，再警告，再信息；cotTrace.maxProblemsPerReport = {limit}）；对该文件运行 `cot-trace lint` 可查看全部问题。',
  },
  'server.disk-capped': {
    en: 'Only the first {shown} problems are listed ({total} in this file); run `cot-trace lint` for the full list.',
    zh: '只列出前 {shown} 个问题（该文件共 {total} 个）；运行 `cot-trace lint` 查看完整列表。',
  },

  // ── The command line (cliCatalogue.ts) ───────────────────────────────────────────────────
  ...CLI_MESSAGES,

  // ── Why an answer matches or not (answerCatalogue.ts) ───────────────────────────────────
  ...ANSWER_MESSAGES,
} satisfies Record<string, MessageText>;

/** The id of a message of the catalogue. */
export type MessageId = keyof typeof MESSAGES;
