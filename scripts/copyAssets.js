// `npm run build` step after tsc: the files the compiled server reads next to its code (dist/ mirrors the sources).
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
for (const dir of ['web', 'bot/teams/icons']) {
  fs.cpSync(path.join(root, dir), path.join(root, 'dist', dir), { recursive: true });
}
