import type { MessageText } from './format';

/**
 * The command line's own texts, in English and Simplified Chinese: `--help` (every command,
 * argument and option), the notes, warnings and errors it writes on standard error, the text of
 * `stats` and `advantages`, and the messages of the selection reader (src/core/grpo/selection.ts,
 * which the extension shows too). Part of the one catalogue (catalogue.ts spreads it in), so the
 * same test checks that both texts of each id have the same placeholders. The Chinese help uses
 * the R1 paper's terms (格式奖励, 准确率奖励, 冷启动, 拒绝采样 …); flags, file names and code stay as they are.
 */
export const CLI_MESSAGES = {
  // ── Help: the program and commander's own words ──────────────────────────────────────────
  'cli.program': {
    en: 'Lint and score chain-of-thought traces with the DeepSeek-R1 rule-based rewards.',
    zh: '用 DeepSeek-R1 的基于规则的奖励（格式奖励、准确率奖励）检查思维链推理轨迹并为其打分，可用于冷启动数据的整理和拒绝采样。',
  },
  'cli.help.after-error': { en: '(run with --help for usage)', zh: '（使用 --help 查看用法）' },
  'cli.help.help': { en: 'display help for command', zh: '显示命令的帮助' },
  'cli.help.version': { en: 'output the version number', zh: '显示版本号' },
  'cli.help.help-command': { en: 'display help for command', zh: '显示命令的帮助' },
  'cli.help.title.usage': { en: 'Usage:', zh: '用法：' },
  'cli.help.title.options': { en: 'Options:', zh: '选项：' },
  'cli.help.title.commands': { en: 'Commands:', zh: '命令：' },
  'cli.help.title.arguments': { en: 'Arguments:', zh: '参数：' },
  'cli.help.title.global': { en: 'Global Options:', zh: '全局选项：' },
  'cli.help.usage.options': { en: 'options', zh: '选项' },
  'cli.help.usage.command': { en: 'command', zh: '命令' },
  'cli.help.choices': { en: 'choices: {list}', zh: '可选值：{list}' },
  'cli.help.default': { en: 'default: {value}', zh: '默认：{value}' },
  'cli.help.preset': { en: 'preset: {value}', zh: '预设：{value}' },
  'cli.help.env': { en: 'env: {name}', zh: '环境变量：{name}' },

  // ── Help: the options shared by lint and score ───────────────────────────────────────────
  'cli.opt.config': { en: 'use this config file instead of looking for .cot-trace.json', zh: '使用这个配置文件，而不是查找 .cot-trace.json' },
  'cli.opt.rule': { en: 'set a rule to off, info, warning or error (repeatable)', zh: '把一条规则设为 off、info、warning 或 error（可重复）' },
  'cli.opt.preset': { en: 'reward preset', zh: '奖励预设' },
  'cli.opt.weights': { en: 'reward weights, e.g. format=1,accuracy=2 (repeatable)', zh: '各项奖励的权重，例如 format=1,accuracy=2（格式奖励 1、准确率奖励 2；可重复）' },
  'cli.opt.language': { en: 'target language of the thought: auto, en, zh, …', zh: '思考过程的目标语言：auto、en、zh …' },
  'cli.opt.field': {
    en: 'where a record keeps a field, e.g. trace=results[*].model_output (repeatable)',
    zh: '记录中某个字段的位置，例如 trace=results[*].model_output（可重复）',
  },
  'cli.opt.only': { en: 'run only the rules with this tag, e.g. format (repeatable)', zh: '只运行带有这个标签的规则，例如 format（可重复）' },
  'cli.opt.workers': {
    en: 'worker threads for JSON Lines (default: one per core above 4 MB on 4+ cores, else 1)',
    zh: '处理 JSON Lines 的工作线程数（默认：文件超过 4 MB 且有 4 个以上核心时每核一个，否则 1 个）',
  },
  'cli.opt.quiet': { en: 'no progress bar', zh: '不显示进度条' },
  'cli.opt.lang': {
    en: 'language of the messages and the help (default: from LC_ALL, LC_MESSAGES or LANG; zh_CN gives zh-cn)',
    zh: '消息和帮助的语言（默认取自 LC_ALL、LC_MESSAGES 或 LANG；zh_CN 对应 zh-cn）',
  },
  'cli.opt.whole-number': { en: '{flag} must be a whole number ≥ 1', zh: '{flag} 必须是 ≥ 1 的整数' },
  'cli.opt.whole-number-from': { en: '{flag} must be a whole number ≥ {min}', zh: '{flag} 必须是 ≥ {min} 的整数' },

  // ── Help: lint and score ─────────────────────────────────────────────────────────────────
  'cli.lint': { en: 'report problems in trace files (.cot, .jsonl, .json, Parquet, Arrow; - for stdin)', zh: '报告推理轨迹文件中的问题（.cot、.jsonl、.json、Parquet、Arrow；- 表示标准输入）' },
  'cli.lint.files': { en: 'files to check', zh: '要检查的文件' },
  'cli.lint.format': { en: 'output format', zh: '输出格式' },
  'cli.lint.max-findings': { en: 'print at most n findings', zh: '最多输出 n 条问题' },
  'cli.score': { en: 'print the rewards of every trace as JSON lines', zh: '以 JSON Lines 输出每条推理轨迹的奖励' },
  'cli.score.file': { en: 'file to score (- for stdin)', zh: '要打分的文件（- 表示标准输入）' },
  'cli.score.explain': {
    en: 'add how each answer was checked: the extracted answer, how it was found, both normalised forms, the verdict and why',
    zh: '附上每个答案的检查过程：提取出的答案、如何找到它、双方归一化后的形式、判定结果及理由',
  },

  // ── Help: stats ─────────────────────────────────────────────────────────────────────────
  'cli.stats': {
    en: 'summarise datasets: rewards, rule pass rates, thought lengths, reflection words, languages, accuracy',
    zh: '汇总数据集：奖励、各规则通过率、思考长度、反思词、语言、准确率',
  },
  'cli.stats.files': {
    en: 'datasets (.jsonl, .json, Parquet or Arrow; - for standard input); several are compared side by side',
    zh: '数据集（.jsonl、.json、Parquet 或 Arrow；- 表示标准输入）；给出多个时并排比较',
  },
  'cli.stats.json': { en: 'print the numbers as JSON', zh: '以 JSON 输出数字' },
  'cli.stats.html': { en: 'also write a self-contained HTML report with charts', zh: '另外写出一份带图表、自成一体的 HTML 报告' },

  // ── Help: advantages ────────────────────────────────────────────────────────────────────
  'cli.adv': { en: 'GRPO group advantages of rewards (JSON arrays per line, or `cot-trace score` output)', zh: '计算奖励的 GRPO（组相对策略优化）组内优势（每行一个 JSON 数组，或 `cot-trace score` 的输出）' },
  'cli.adv.file': { en: 'input file (- or nothing for stdin)', zh: '输入文件（- 或省略表示标准输入）' },
  'cli.adv.preset': { en: 'trainer whose normalisation to use', zh: '采用哪个训练框架的归一化方式' },
  'cli.adv.std': { en: 'standard deviation: sample (n − 1) or population (n)', zh: '标准差：样本标准差（n − 1）或总体标准差（n）' },
  'cli.adv.eps': { en: 'epsilon added to the std (trl 1e-4, verl 1e-6)', zh: '加到标准差上的 epsilon（trl 为 1e-4，verl 为 1e-6）' },
  'cli.adv.scale': { en: 'divide by the group std, the batch std, or not at all', zh: '除以组内标准差、批次标准差，或不除' },
  'cli.adv.group-by': { en: 'group scored traces by this field (default: record)', zh: '按这个字段给已打分的推理轨迹分组（默认：record）' },
  'cli.adv.group-size': { en: 'group scored traces in runs of n consecutive lines', zh: '把已打分的推理轨迹按每 n 个连续行分为一组' },
  'cli.adv.weights': { en: 'weights of several rewards, e.g. format=1,accuracy=2 (repeatable)', zh: '多项奖励的权重，例如 format=1,accuracy=2（可重复）' },
  'cli.adv.drop-zero-signal': { en: 'leave groups with equal rewards out of the batch std (DAPO dynamic sampling)', zh: '计算批次标准差时排除奖励全部相同的组（DAPO 动态采样）' },
  'cli.adv.summary': { en: 'print group counts and zero-signal share on stderr', zh: '在标准错误上输出组数和无信号组的占比' },
  'cli.adv.eps-invalid': { en: '--eps must be a number ≥ 0', zh: '--eps 必须是 ≥ 0 的数' },
  'cli.adv.weights-invalid': { en: '--weights: {error}', zh: '--weights：{error}' },
  'cli.adv.summary-line': {
    en: '{groups}, {outputs}, {zero} without signal ({percent}%){batch}',
    zh: '{groups}，{outputs}，其中 {zero} 组无信号（{percent}%）{batch}',
  },
  'cli.adv.groups.one': { en: '{n} group', zh: '{n} 组' },
  'cli.adv.groups': { en: '{n} groups', zh: '{n} 组' },
  'cli.adv.outputs.one': { en: '{n} output', zh: '{n} 条输出' },
  'cli.adv.outputs': { en: '{n} outputs', zh: '{n} 条输出' },
  'cli.adv.batch-std': { en: ', batch std {std}', zh: '，批次标准差 {std}' },
  'cli.adv.bad-json': { en: 'not valid JSON ({error})', zh: '不是有效的 JSON（{error}）' },
  'cli.adv.not-array-or-object': { en: 'expected a JSON array of rewards or a scored trace object', zh: '应为奖励的 JSON 数组，或已打分的推理轨迹对象' },
  'cli.adv.array-among-objects': { en: 'an array among scored trace objects', zh: '已打分的推理轨迹对象之间出现了一个数组' },
  'cli.adv.object-among-arrays': { en: 'an object among arrays of rewards', zh: '奖励数组之间出现了一个对象' },
  'cli.adv.bad-element': {
    en: 'element {index} is not a reward (a number, null, or an array/object of them)',
    zh: '第 {index} 个元素不是奖励（应为数字、null，或由它们组成的数组/对象）',
  },
  'cli.adv.no-reward': { en: 'no reward found (expected "total", "reward" or a "rewards" object)', zh: '找不到奖励（应有 "total"、"reward" 或 "rewards" 对象）' },
  'cli.adv.no-group-field': { en: 'no "{field}" field to group by', zh: '没有用于分组的 "{field}" 字段' },

  // ── Help: filter ────────────────────────────────────────────────────────────────────────
  'cli.filter': {
    en: 'write the records that pass reward bounds, rules and review decisions, byte for byte as in the input',
    zh: '写出满足奖励界限、规则和审阅决定的记录，逐字节保持输入原样（拒绝采样）',
  },
  'cli.filter.file': {
    en: 'dataset (.jsonl, .json, Parquet or Arrow; - for standard input); Parquet and Arrow are written in their own format unless -o names a .jsonl',
    zh: '数据集（.jsonl、.json、Parquet 或 Arrow；- 表示标准输入）；Parquet 和 Arrow 按原格式写出，除非 -o 指定的是 .jsonl',
  },
  'cli.filter.min-reward': { en: 'keep records whose total reward (mean over a group) is at least x', zh: '保留总奖励（组内均值）至少为 x 的记录' },
  'cli.filter.max-reward': { en: 'keep records whose total reward is at most x', zh: '保留总奖励至多为 x 的记录' },
  'cli.filter.rule-pass': { en: 'keep records on which none of these rules reports a problem (comma-separated, repeatable)', zh: '保留这些规则都没有报告问题的记录（逗号分隔，可重复）' },
  'cli.filter.decisions': {
    en: 'review decisions (default with --accepted-only: FILE.review.jsonl); rejected records are dropped',
    zh: '审阅决定（与 --accepted-only 同用时默认为 FILE.review.jsonl）；被拒绝的记录会被丢弃',
  },
  'cli.filter.accepted-only': { en: 'keep only the records accepted in review', zh: '只保留审阅中被接受的记录' },
  'cli.filter.output': {
    en: 'write here instead of standard output (through a temporary file renamed into place when complete)',
    zh: '写到这里而不是标准输出（先写临时文件，完成后再重命名到位）',
  },
  'cli.filter.quiet': { en: 'no progress bar and no summary', zh: '不显示进度条和摘要' },
  'cli.filter.not-a-number': { en: '{flag} must be a number', zh: '{flag} 必须是数字' },
  'cli.filter.unknown-rule.one': { en: 'unknown rule id: {ids}', zh: '未知的规则 id：{ids}' },
  'cli.filter.unknown-rule': { en: 'unknown rule ids: {ids}', zh: '未知的规则 id：{ids}' },
  'cli.filter.single-trace': {
    en: '{file} holds a single trace, not a dataset: filter reads JSON Lines or JSON files',
    zh: '{file} 只包含一条推理轨迹，不是数据集：filter 读取 JSON Lines 或 JSON 文件',
  },
  'cli.filter.accepted-stdin': { en: '--accepted-only on standard input needs --decisions SIDECAR', zh: '对标准输入使用 --accepted-only 时需要 --decisions SIDECAR' },
  'cli.filter.no-decisions': { en: 'cannot read the review decisions {file}: no such file', zh: '无法读取审阅决定 {file}：文件不存在' },
  'cli.filter.no-decisions.hint': {
    en: 'cannot read the review decisions {file}: no such file (review the dataset first, or name the sidecar with --decisions)',
    zh: '无法读取审阅决定 {file}：文件不存在（请先审阅数据集，或用 --decisions 指定审阅文件）',
  },
  'cli.filter.stale.one': { en: '{n} decision was taken on an earlier version of its record and ignored', zh: '{n} 个决定是针对记录的较早版本作出的，已忽略' },
  'cli.filter.stale': { en: '{n} decisions were taken on an earlier version of their records and ignored', zh: '{n} 个决定是针对记录的较早版本作出的，已忽略' },
  'cli.filter.kept': { en: 'kept {kept} of {records} records', zh: '保留了 {records} 条记录中的 {kept} 条' },
  'cli.filter.kept-in': { en: 'kept {kept} of {records} records in {file}', zh: '在 {file} 中保留了 {records} 条记录中的 {kept} 条' },
  'columnar.codec-fallback': { en: '{input} has no encoder here: the rows were written with {codec}', zh: '这里没有 {input} 的编码器：各行改用 {codec} 写出' },
  'columnar.arrow-uncompressed': {
    en: "the input's record batches are compressed with {compression}, the output's are not: apache-arrow 21.2's writer records compressed bodies in a way other readers (pyarrow) refuse, so the rows were written uncompressed",
    zh: '输入的记录批次用 {compression} 压缩，输出的则没有：apache-arrow 21.2 的写入器记录压缩数据的方式会被其他读取器（pyarrow）拒绝，因此各行以未压缩形式写出',
  },

  // ── Help: server and serve ──────────────────────────────────────────────────────────────
  'cli.server': {
    en: 'run the CoT Trace language server (LSP) for an editor: --stdio, --node-ipc or --socket=<port>',
    zh: '为编辑器运行 CoT Trace 语言服务器（LSP）：--stdio、--node-ipc 或 --socket=<port>',
  },
  'cli.server.stdio': { en: 'talk LSP over stdin/stdout', zh: '通过标准输入/输出进行 LSP 通信' },
  'cli.serve': {
    en: 'serve the rewards over HTTP: OpenRLHF /get_reward, /score, /advantages, /healthz, /metrics',
    zh: '通过 HTTP 提供奖励服务：OpenRLHF /get_reward、/score、/advantages、/healthz、/metrics',
  },
  'cli.serve.host': { en: 'address to listen on', zh: '监听的地址' },
  'cli.serve.port': { en: 'port to listen on (0: any free port)', zh: '监听的端口（0：任意空闲端口）' },
  'cli.serve.config': {
    en: 'use this config file instead of looking for .cot-trace.json in the working folder',
    zh: '使用这个配置文件，而不是在工作文件夹中查找 .cot-trace.json',
  },
  'cli.serve.workers': { en: 'scoring worker threads (default: one per core)', zh: '打分的工作线程数（默认：每核一个）' },
  'cli.serve.max-body': { en: 'largest request body, in MB', zh: '请求体的最大大小，以 MB 计' },
  'cli.serve.max-batch': { en: 'most completions in one request', zh: '一个请求中最多的补全数' },
  'cli.serve.timeout': { en: 'longest time one request may take', zh: '一个请求最长可用的时间' },

  // ── Notes, warnings and errors on standard error ────────────────────────────────────────
  'cli.list-separator': { en: ', ', zh: '、' },
  'cli.error': { en: 'cot-trace: {message}', zh: 'cot-trace：{message}' },
  'cli.file-error': { en: 'cot-trace: {file}: {message}', zh: 'cot-trace：{file}：{message}' },
  'cli.cannot-read': { en: 'cannot read {file}: {reason}', zh: '无法读取 {file}：{reason}' },
  'cli.no-such-file': { en: 'no such file', zh: '文件不存在' },
  'cli.is-directory': { en: 'it is a directory', zh: '这是一个文件夹' },
  'cli.cannot-write-stdout': { en: 'cot-trace: cannot write to standard output: {reason}', zh: 'cot-trace：无法写入标准输出：{reason}' },
  'cli.more-findings.one': { en: 'cot-trace: {n} more finding not shown (--max-findings {max})', zh: 'cot-trace：另有 {n} 条问题未显示（--max-findings {max}）' },
  'cli.more-findings': { en: 'cot-trace: {n} more findings not shown (--max-findings {max})', zh: 'cot-trace：另有 {n} 条问题未显示（--max-findings {max}）' },
  'cli.workers-capped': { en: 'cot-trace: --workers {workers} capped at {cores}, the number of cores', zh: 'cot-trace：--workers {workers} 已限制为核心数 {cores}' },
  'cli.stream-columnar': {
    en: 'Parquet and Arrow files are read by row group, which a stream does not allow: give the file itself',
    zh: 'Parquet 和 Arrow 文件按行组读取，流无法做到：请直接给出文件本身',
  },
  'cli.json-too-big': {
    en: "cot-trace: {file}: JSON documents over {mb} MB are not read (a JSON array is parsed whole); convert it to JSON Lines, e.g. jq -c '.[]' {file} > out.jsonl",
    zh: "cot-trace：{file}：超过 {mb} MB 的 JSON 文档不予读取（JSON 数组需要整体解析）；请把它转换为 JSON Lines，例如 jq -c '.[]' {file} > out.jsonl",
  },
  'cli.inferred': {
    en: 'cot-trace: {file}: no known key holds the trace; read it from {used}. To pin it, put {config} in .cot-trace.json or pass {flag}',
    zh: 'cot-trace：{file}：没有已知的键存放推理轨迹；已从 {used} 中读取。要固定它，请在 .cot-trace.json 中写入 {config}，或传入 {flag}',
  },
  'cli.inferred.field.one': { en: '"{field}" ({n} record)', zh: '"{field}"（{n} 条记录）' },
  'cli.inferred.field': { en: '"{field}" ({n} records)', zh: '"{field}"（{n} 条记录）' },
  'cli.waiting-stdin': { en: 'cot-trace: waiting for standard input…', zh: 'cot-trace：正在等待标准输入…' },
  'cli.waiting-stdin.tty': { en: 'cot-trace: waiting for standard input (type or paste records, Ctrl-D ends)…', zh: 'cot-trace：正在等待标准输入（输入或粘贴记录，按 Ctrl-D 结束）…' },
  'cli.waiting-pipe': { en: 'cot-trace: waiting for {file}: it is a named pipe (or device) and no one writes to it yet…', zh: 'cot-trace：正在等待 {file}：它是命名管道（或设备），还没有人向它写入…' },
  'cli.report-written': { en: 'cot-trace: report written to {file}', zh: 'cot-trace：报告已写入 {file}' },
  'cli.adv.cannot-read': { en: 'cot-trace advantages: cannot read {file}: {reason}', zh: 'cot-trace advantages：无法读取 {file}：{reason}' },
  'cli.adv.line': { en: '{file}:{line}: {message}', zh: '{file}:{line}：{message}' },
  'cli.adv.error': { en: 'cot-trace advantages: {message}', zh: 'cot-trace advantages：{message}' },

  // commander's errors (its own English is matched and put into these)
  'cli.cmd.unknown-option': { en: "error: unknown option '{option}'", zh: "错误：未知选项 '{option}'" },
  'cli.cmd.unknown-command': { en: "error: unknown command '{command}'", zh: "错误：未知命令 '{command}'" },
  'cli.cmd.missing-argument': { en: "error: missing required argument '{name}'", zh: "错误：缺少必需的参数 '{name}'" },
  'cli.cmd.option-missing-argument': { en: "error: option '{option}' argument missing", zh: "错误：选项 '{option}' 缺少参数" },
  'cli.cmd.invalid-argument': { en: "error: option '{option}' argument '{value}' is invalid. {reason}", zh: "错误：选项 '{option}' 的参数 '{value}' 无效。{reason}" },
  'cli.cmd.choices': { en: 'Allowed choices are {list}.', zh: '可选值为 {list}。' },
  'cli.cmd.too-many': { en: 'error: too many arguments{where}. Expected {expected} but got {got}.', zh: '错误：{where}参数过多：应为 {expected} 个，实际为 {got} 个。' },
  'cli.cmd.too-many.for': { en: " for '{command}'", zh: "'{command}' 的" },
  'cli.cmd.did-you-mean': { en: '(Did you mean {name}?)', zh: '（是不是想输入 {name}？）' },
  'cli.cmd.did-you-mean-one-of': { en: '(Did you mean one of {list}?)', zh: '（是不是想输入 {list} 之一？）' },
  'cli.cmd.required-option': { en: "error: required option '{option}' not specified", zh: "错误：未指定必需的选项 '{option}'" },

  // ── Output files (src/core/node/outputFile.ts) ──────────────────────────────────────────
  'output.same-as-input': { en: 'refusing to write {target}: it is the same file as the {what} {path}', zh: '拒绝写入 {target}：它与{what} {path} 是同一个文件' },
  'output.what.input': { en: 'input', zh: '输入' },
  'output.what.sidecar': { en: 'review sidecar', zh: '审阅文件' },
  'output.what.config': { en: 'config file', zh: '配置文件' },
  'output.what.dataset': { en: 'dataset under review', zh: '正在审阅的数据集' },
  'output.cannot-write': { en: 'cannot write {target}: {reason}', zh: '无法写入 {target}：{reason}' },
  'output.is-directory': { en: 'cannot write {target}: it is a directory', zh: '无法写入 {target}：这是一个文件夹' },
  'output.no-folder': { en: 'cannot write {target}: the folder {folder} does not exist', zh: '无法写入 {target}：文件夹 {folder} 不存在' },

  // ── stats (text output) ─────────────────────────────────────────────────────────────────
  'stats.records': { en: 'records', zh: '记录' },
  'stats.traces': { en: 'traces', zh: '推理轨迹' },
  'stats.unreadable': { en: 'unreadable records', zh: '无法读取的记录' },
  'stats.conventions': { en: 'conventions', zh: '格式约定' },
  'stats.convention-assumed': { en: 'convention assumed', zh: '假定的格式约定' },
  'stats.accuracy': { en: 'accuracy', zh: '准确率' },
  'stats.accuracy.of': { en: '{rate} of {judged}', zh: '{judged} 条中 {rate}' },
  'stats.no-ground-truth': { en: 'no ground truth', zh: '无标准答案' },
  'stats.correct-unboxed': { en: 'correct, not boxed', zh: '正确但未放入方框' },
  'stats.incorrect': { en: 'incorrect (boxed / not)', zh: '错误（有方框 / 无方框）' },
  'stats.no-answer': { en: 'no final answer found', zh: '找不到最终答案' },
  'stats.their-label': { en: "the dataset's own label", zh: '数据集自带的标注' },
  'stats.their-label.value': {
    en: '{rate} correct by {field}, disagrees with ours on {disagree}',
    zh: '按 {field} 有 {rate} 正确，与我们的判定有 {disagree} 处不一致',
  },
  'stats.none': { en: 'none', zh: '无' },
  'stats.total-reward': { en: 'total reward', zh: '总奖励' },
  'stats.thought-chars': { en: 'thought chars', zh: '思考字符数' },
  'stats.reflection-rate': { en: 'reflections / 1k words', zh: '反思次数 / 千词' },
  'stats.language-mix': { en: 'language mix', zh: '语言构成' },
  'stats.mean-median': { en: '{mean} (median {median})', zh: '{mean}（中位数 {median}）' },
  'stats.reward-means': { en: 'Mean of each reward', zh: '各项奖励的均值' },
  'stats.reward': { en: 'reward', zh: '奖励' },
  'stats.rule': { en: 'rule', zh: '规则' },
  'stats.pass-rates': { en: 'Pass rate per rule (share of records without a problem from the rule)', zh: '各规则通过率（该规则未报告问题的记录所占比例）' },
  'stats.histogram': { en: 'Reward histogram · {file}', zh: '奖励直方图 · {file}' },

  // ── The reward server's log lines (src/serve/main.ts) ────────────────────────────────────
  'serve.log': { en: 'cot-trace serve: {line}', zh: 'cot-trace serve：{line}' },
  'serve.listening': { en: 'listening on {address} ({workers} workers{config})', zh: '正在监听 {address}（{workers} 个工作线程{config}）' },
  'serve.listening.one': { en: 'listening on {address} ({workers} worker{config})', zh: '正在监听 {address}（{workers} 个工作线程{config}）' },
  'serve.listening.config': { en: ', config {file}', zh: '，配置文件 {file}' },
  'serve.cannot-listen': { en: 'cannot listen on {host}:{port}: {error}', zh: '无法在 {host}:{port} 上监听：{error}' },
  'serve.stopping': { en: '{signal}: finishing requests in flight, then stopping', zh: '{signal}：先处理完正在进行的请求，然后停止' },
  'serve.shutdown': { en: 'shutdown: {error}', zh: '关闭时出错：{error}' },
  'serve.not-installed': { en: 'the reward server is not installed next to the CLI ({script})', zh: '奖励服务器没有安装在 CLI 旁边（{script}）' },

  // ── Reading rewards from a selection (src/core/grpo/selection.ts) ───────────────────────
  'selection.not-a-number': { en: '"{token}" is not a number', zh: '“{token}”不是数字' },
  'selection.json-mixed': { en: 'The JSON array holds values that are neither rewards nor records.', zh: '这个 JSON 数组中有既不是奖励也不是记录的值。' },
  'selection.line': { en: 'Line {line}: {error}.', zh: '第 {line} 行：{error}。' },
  'selection.not-rewards': { en: 'The selection is not a list of rewards: {error}.', zh: '所选内容不是奖励列表：{error}。' },
  'selection.not-name-weight': { en: '"{part}" is not name=weight', zh: '“{part}”不是 name=weight 的形式' },
  'selection.weight-not-number': { en: 'the weight of "{name}" is not a number', zh: '“{name}”的权重不是数字' },
} satisfies Record<string, MessageText>;
