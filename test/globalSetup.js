// Some tests run the compiled entry points exactly as users do (`npm start`,
// the CLI): build once before the suites start so dist/ matches the source.
// Type errors do not stop the emit here; `npm test` type-checks first
// (pretest), so they still fail the run.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

module.exports = async () => {
  const root = path.resolve(__dirname, '..');
  const res = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json')], { cwd: root, encoding: 'utf8' });
  if (res.status !== 0) process.stderr.write(`\n[notice] tsc reported type errors (the build was still emitted):\n${res.stdout}${res.stderr}\n`);
};
