/**
 * Loaded before the unit tests (.mocharc.json): the CLI's messages follow LC_ALL, LC_MESSAGES
 * and LANG, so the tests pin the C locale for themselves and every CLI they start, and read
 * English whatever the machine's language is. test/unit/cli/locale.test.ts sets others on purpose.
 */
process.env.LC_ALL = 'C';
