import { strict as assert } from 'node:assert';
import { DEFAULT_SETTINGS, parseSettings } from '../../../src/core/node/config';

describe('editor settings (the cotTrace section)', () => {
  it('reads maxProblemsPerReport as a whole number of 0 or more, and keeps the default otherwise', () => {
    assert.equal(DEFAULT_SETTINGS.maxProblemsPerReport, 1000);
    assert.equal(parseSettings({ maxProblemsPerReport: 250 }).maxProblemsPerReport, 250);
    assert.equal(parseSettings({ maxProblemsPerReport: 0 }).maxProblemsPerReport, 0);
    for (const bad of [-1, 2.5, '300', null, Number.NaN]) assert.equal(parseSettings({ maxProblemsPerReport: bad }).maxProblemsPerReport, 1000, String(bad));
    assert.equal(parseSettings(undefined).maxProblemsPerReport, 1000);
  });
});
