// Each test file's own process environment (in-process tests read it: the store, the UI): none of the contributor's
// keys, colours, pager or home. vitest.config.ts sets CI before this runs; children get theirs from testEnv().
import { afterAll } from 'vitest';
import { homeVars, removeTestHome, testHome, withoutMachine } from './helpers/env';

const clean = { ...withoutMachine(process.env), CI: process.env.CI, CONTINUOUS_INTEGRATION: process.env.CONTINUOUS_INTEGRATION };
for (const name of Object.keys(process.env)) if (!(name in clean)) delete process.env[name];
Object.assign(process.env, homeVars(testHome()));

afterAll(removeTestHome);
