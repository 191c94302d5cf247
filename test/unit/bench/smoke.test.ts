/**
 * Smoke test of the benchmark harness (`test/bench/run.mjs`, issue 5): a `--quick` run on the 1 KB
 * document with 3 samples must produce every metric for both servers and pass its sanity checks.
 * No timing assertions: the benchmark itself (`npm run bench`) reports the numbers.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';

const ROOT = resolve(__dirname, '../../../..');
const RUN = join(ROOT, 'test/bench/run.mjs');
const SAMPLES = 3;

const PER_SIZE = [
  'open.diagnostics',
  'edit.diagnostics.pull',
  'completion.property.parsed',
  'completion.enum.parsed',
  'hover.parsed',
  'completion.property.afterEdit',
  'completion.enum.afterEdit',
  'memory.rss',
];

function runBench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [RUN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

describe('benchmark harness (smoke)', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'pingone-bench-smoke-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('runs --quick on 1 KB with 3 samples: every metric, sanity checks passed', async () => {
    const out = join(dir, 'results.json');
    const { code, stdout, stderr } = await runBench([
      '--quick',
      '--sizes',
      '1k',
      '--samples',
      String(SAMPLES),
      '--cli-docs',
      '50',
      '--cli-reps',
      '1',
      '--work',
      join(dir, 'work'),
      '--out',
      out,
    ]);
    assert.equal(code, 0, `bench exited ${code}\n${stdout}\n${stderr}`);
    assert.ok(existsSync(out), 'results JSON written');
    const results = JSON.parse(readFileSync(out, 'utf8'));

    assert.equal(results.sanity.passed, true, JSON.stringify(results.sanity.failures));
    assert.deepEqual(results.sanity.failures, []);

    const sample = (metric: string, size: string, server: string) => results.metrics[metric]?.[size]?.[server];
    for (const metric of PER_SIZE) {
      for (const server of ['ours', 'anchor']) {
        const m = sample(metric, '1k', server);
        assert.ok(m, `${metric} 1k ${server} missing`);
        assert.equal(m.samples.length, SAMPLES, `${metric} 1k ${server} samples`);
        assert.ok(Number.isFinite(m.median) && m.median > 0, `${metric} 1k ${server} median`);
        assert.ok(Number.isFinite(m.p95), `${metric} 1k ${server} p95`);
      }
      const ratio = results.ratios.find((r: { metric: string; size: string }) => r.metric === metric && r.size === '1k');
      assert.ok(ratio && Number.isFinite(ratio.ratio) && ratio.low <= ratio.high, `${metric} 1k ratio`);
    }
    assert.equal(sample('edit.diagnostics.push', '1k', 'ours')?.samples.length, SAMPLES, 'push mode');
    for (const server of ['ours', 'anchor']) {
      assert.equal(sample('initialize', 'all', server)?.samples.length, SAMPLES, `initialize ${server}`);
      assert.ok(sample('cli.validate', 'all', server)?.samples.length >= 1, `cli.validate ${server}`);
    }
    for (const name of results.metricNames) assert.ok(results.metrics[name], `metric ${name} reported`);

    // The sanity data behind the pass: diagnostics counted per server, every injected error found.
    const invalid = results.diagnostics.find((r: { size: string; variant: string }) => r.size === '1k' && r.variant === 'invalid');
    assert.equal(invalid.found.ours, invalid.injected);
    assert.ok(invalid.servers.anchor.total >= 0);
    const valid = results.diagnostics.find((r: { size: string; variant: string }) => r.size === '1k' && r.variant === 'valid');
    assert.equal(valid.servers.ours.error, 0);
    assert.equal(results.cli.ours.flagged, results.cli.invalid);
    assert.match(stdout, /Ratios of medians/);
  });
});
