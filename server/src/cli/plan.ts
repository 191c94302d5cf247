/**
 * `plan FILE… [--config … --env NAME | --all-envs]`: drift in CI. For each environment, one list of
 * its phone delivery settings, and for each file what a send would do there (no change, would
 * create, would update with the diff, error), without writing anything. Exit 0 nothing would
 * change, 2 something would, 1 any error (usage errors included), so that 2 always means drift.
 */
import { pathToFileURL } from 'node:url';
import { MemoryBindingStore } from '../workflow/binding';
import type { ResolvedEnvironment } from '../workflow/environments';
import { planEnvironment, planExitCode, type EnvironmentPlan, type PlanDocumentInput, type PlanStatus } from '../workflow/plan';
import { CommandFailure, EXIT_OK, EXIT_PROBLEMS, PROGRAM, UsageError, type CliCommand, type CliIo } from './command';
import {
  connect,
  ENVIRONMENT_HELP,
  ENVIRONMENT_OPTIONS,
  environmentFromOptions,
  Output,
  parseCommandArgs,
  readConfig,
  VARIABLE_HELP,
  VARIABLE_OPTIONS,
} from './remote';
import { OUTPUT_FORMATS, type OutputFormat } from './report';
import { loadVariables, parseVarArgs } from './variables';

const HELP = `Usage: ${PROGRAM} plan FILE... [options]

Says, for each FILE and each environment, what '${PROGRAM} send' would do there, without
writing anything: no change, would create, would update (with a unified diff of the normalised
JSON, secrets redacted), or error. The comparison is the editor's "Compare with PingOne": PingOne's
defaults filled on both sides, read-only and write-only fields left out, each environment's plain
variables filled in; where a file keeps a secret {{placeholder}}, PingOne's value is not compared
(PingOne never returns write-only fields). Which resource a file is: its "id" for that environment,
else the only resource with its provider and name.

One list of phone delivery settings per environment serves every FILE (one token and one list
request per environment).

  --all-envs                   every environment of --config (instead of --env)
  --format text|json           output format (default text); json for scripts

${ENVIRONMENT_HELP}

${VARIABLE_HELP}
  (only plain values are filled in for a plan; secret values are only redacted)

Exit status: 0 nothing would change; 2 something would be created or updated (drift); 1 anything
else: an error in a file or an environment, PingOne refused or failed a request, usage or
configuration errors. 2 always means drift, as 'terraform plan -detailed-exitcode'.
`;

const OPTIONS = {
  ...ENVIRONMENT_OPTIONS,
  ...VARIABLE_OPTIONS,
  'all-envs': { type: 'boolean' },
  format: { type: 'string' },
} as const;

export const planCommand: CliCommand = {
  name: 'plan',
  summary: 'Say what send would change in one or every environment, without writing (exit 2 on drift).',
  help: HELP,
  run: async (args, io) => {
    const out = new Output(io, 'plan');
    try {
      return await runPlan(args, io, out);
    } catch (e) {
      // Every failure of plan is 1, usage errors included: 2 is drift only.
      if (e instanceof UsageError) {
        out.err(`${PROGRAM} plan: ${e.message}\nRun '${PROGRAM} plan --help' for usage.`);
      } else if (e instanceof CommandFailure) {
        io.stderr(`${PROGRAM} plan: ${e.message}\n`);
      } else {
        out.err(`${PROGRAM} plan: ${e instanceof Error ? e.message : String(e)}`);
      }
      return EXIT_PROBLEMS;
    }
  },
};

interface FileInput extends PlanDocumentInput {
  /** Set when the file could not be read: an error in every environment. */
  readError?: string;
}

async function readFiles(io: CliIo, files: string[]): Promise<FileInput[]> {
  const inputs: FileInput[] = [];
  for (const file of files) {
    const label = file === '-' ? '<stdin>' : file;
    const documentKey = file === '-' ? 'untitled:stdin' : pathToFileURL(io.resolvePath(file)).href;
    try {
      inputs.push({ label, documentKey, text: await (file === '-' ? io.readStdin() : io.readFile(file)) });
    } catch (e) {
      inputs.push({
        label,
        documentKey,
        text: '',
        readError: `cannot read ${label}: ${(e as NodeJS.ErrnoException).code ?? 'read error'}`,
      });
    }
  }
  return inputs;
}

type Values = Parameters<typeof environmentFromOptions>[1];

async function environments(io: CliIo, values: Values, out: Output): Promise<(ResolvedEnvironment | { name: string; error: string })[]> {
  if (!values['all-envs']) return [await environmentFromOptions(io, values, out)];
  const config = typeof values.config === 'string' ? values.config : undefined;
  if (config === undefined) throw new UsageError('--all-envs needs --config FILE');
  if (values.env !== undefined) throw new UsageError('give either --env NAME or --all-envs, not both');
  const { environments: entries } = await readConfig(io, config);
  const names = entries
    .map((e) => (e && typeof e === 'object' ? (e as { name?: unknown }).name : undefined))
    .filter((n): n is string => typeof n === 'string' && n.trim() !== '');
  if (!names.length) throw new CommandFailure(EXIT_PROBLEMS, `${config} has no named environment`);
  const result: (ResolvedEnvironment | { name: string; error: string })[] = [];
  for (const name of names) {
    try {
      result.push(await environmentFromOptions(io, { ...values, env: name }, out));
    } catch (e) {
      if (!(e instanceof CommandFailure)) throw e;
      result.push({ name, error: e.message });
    }
  }
  return result;
}

async function runPlan(args: string[], io: CliIo, out: Output): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (!positionals.length) throw new UsageError('no FILE given');
  const format = (values.format ?? 'text') as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`--format must be text or json (got '${values.format}')`);
  const plainVariables = Object.fromEntries(parseVarArgs(values.var ?? []));

  const files = await readFiles(io, positionals);
  const readable = files.filter((f) => f.readError === undefined);
  const plans: EnvironmentPlan[] = [];
  for (const target of await environments(io, values, out)) {
    if ('error' in target) {
      plans.push(failedEnvironment(target, files, target.error));
      continue;
    }
    const env = target;
    const variables = await loadVariables(io, env, values.var ?? [], values['var-file'] ?? []);
    out.addSecrets(variables.secretValues);
    const remote = connect(io, env, values, out);
    const plan = await planEnvironment(remote.client, env, readable, new MemoryBindingStore(), {
      plainVariables,
      secretValues: [...out.secrets],
    });
    const byLabel = new Map(plan.documents.map((d) => [d.label, d.status]));
    plans.push({
      ...plan,
      documents: files.map((f) => ({
        label: f.label,
        status: f.readError !== undefined ? { kind: 'error', message: f.readError } : byLabel.get(f.label)!,
      })),
    });
  }
  const code = planExitCode(plans);
  if (format === 'json') out.json(asJson(plans, code));
  else io.stdout(out.clean(asText(plans)));
  return code;
}

function failedEnvironment(target: { name: string }, files: FileInput[], error: string): EnvironmentPlan {
  const env = { name: target.name } as ResolvedEnvironment;
  return { env, error, documents: files.map((f) => ({ label: f.label, status: { kind: 'error', message: error } })) };
}

function line(label: string, s: PlanStatus): string {
  switch (s.kind) {
    case 'no-change':
      return `  ${label}: no change (${s.id})`;
    case 'create':
      return `  ${label}: would create a new resource`;
    case 'update':
      return (
        `  ${label}: would update ${s.id}` +
        (s.immutable ? ` (PingOne cannot update "${s.immutable}": 'send --recreate' or 'replace' it)` : '') +
        (s.hiddenDifference ? ' (the difference is in values not shown)' : '')
      );
    case 'error':
      return `  ${label}: error: ${s.message}`;
  }
}

function counts(plans: EnvironmentPlan[]): Record<PlanStatus['kind'], number> {
  const c = { 'no-change': 0, create: 0, update: 0, error: 0 };
  for (const p of plans) for (const d of p.documents) c[d.status.kind]++;
  return c;
}

function asText(plans: EnvironmentPlan[]): string {
  const lines: string[] = [];
  for (const p of plans) {
    lines.push(`Environment "${p.env.name}"${p.env.environmentId ? ` (${p.env.environmentId})` : ''}:`);
    if (p.error) lines.push(`  error: ${p.error}`);
    for (const d of p.documents) {
      if (p.error && d.status.kind === 'error') continue;
      lines.push(line(d.label, d.status));
      if ((d.status.kind === 'update' || d.status.kind === 'create') && d.status.diff)
        lines.push(
          ...d.status.diff
            .trimEnd()
            .split('\n')
            .map((l) => `    ${l}`),
        );
    }
  }
  const c = counts(plans);
  lines.push(
    `Plan: ${c.create} to create, ${c.update} to update, ${c['no-change']} unchanged, ${c.error} error${c.error === 1 ? '' : 's'}` +
      ` (${plans.length} environment${plans.length === 1 ? '' : 's'}).`,
  );
  return lines.join('\n') + '\n';
}

function asJson(plans: EnvironmentPlan[], code: number): unknown {
  return {
    drift: code === 2,
    exitCode: code,
    summary: counts(plans),
    environments: plans.map((p) => ({
      name: p.env.name,
      environmentId: p.env.environmentId,
      ...(p.error ? { error: p.error } : {}),
      files: p.documents.map((d) => {
        const s = d.status;
        const base = { file: d.label, outcome: s.kind };
        switch (s.kind) {
          case 'no-change':
            return { ...base, id: s.id };
          case 'create':
            return { ...base, diff: s.diff };
          case 'update':
            return {
              ...base,
              id: s.id,
              diff: s.diff,
              ...(s.immutable ? { immutable: s.immutable } : {}),
              ...(s.hiddenDifference ? { hiddenDifference: true } : {}),
            };
          case 'error':
            return { ...base, message: s.message };
        }
      }),
    })),
  };
}
