#!/usr/bin/env node
// The `hongyun` command. Runs the TypeScript sources through tsx (no separate compile step).
import { register } from 'tsx/esm/api';

register();
await import('../server/main.ts');
