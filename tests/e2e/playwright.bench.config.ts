// `cargo xtask bench`: the in-browser benchmarks, same browser and server as the E2E suite.
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

export default defineConfig({ ...base, testDir: './bench', testMatch: '*.bench.ts', timeout: 200_000 });
