/**
 * What the editor shows of a document's status per environment (`environmentStatus.ts`): the CodeLens
 * line at the top of the document, the quick pick of Send to Environment…, the summary shown before
 * that send writes anything, and the hover that says where the provider is used. Pure text, so that
 * it is tested without VS Code; every message that came from PingOne was redacted before it got here.
 */
import type { DocumentStatus, UsageReading } from './environmentStatus';
import { describeReference, referencesTo } from './usage';

/** An error message in a one-line title stays short (the tooltip has all of it). */
const MAX_REASON = 60;

function short(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > MAX_REASON ? `${one.slice(0, MAX_REASON - 1)}…` : one;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function listed(fields: readonly string[], max = 8): string {
  return fields.length > max ? `${fields.slice(0, max).join(', ')} and ${fields.length - max} more` : fields.join(', ');
}

/** The status as a few words: `in sync`, `differs`, `not created`, `unknown (no client secret)`. */
export function statusText(status: DocumentStatus): string {
  switch (status.kind) {
    case 'in-sync':
      return 'in sync';
    case 'differs':
      return 'differs';
    case 'not-created':
      return 'not created';
    case 'ambiguous':
      return `unknown (${status.ids.length} providers match)`;
    case 'invalid':
      return 'unknown (the document has errors)';
    case 'unknown':
      switch (status.cause) {
        case 'not-checked':
          return 'not checked';
        case 'checking':
          return 'checking…';
        case 'no-secret':
          return 'unknown (no client secret)';
        case 'not-allowed':
          return 'unknown (workspace entry not allowed)';
        case 'failed':
          return `unknown (${short(status.message ?? 'could not be read')})`;
      }
  }
}

/** What clicking a lens does; the editor maps it to a command. */
export type LensAction =
  { kind: 'check' } | { kind: 'diff'; env: string } | { kind: 'send'; env: string } | { kind: 'trust' } | { kind: 'none' };

export interface LensSpec {
  title: string;
  tooltip: string;
  action: LensAction;
}

export interface LensEnvironment {
  name: string;
  production: boolean;
  status: DocumentStatus;
  /** When its reading was taken (ms since the epoch), if it was. */
  at?: number;
}

export interface LensInput {
  enabled: boolean;
  trusted: boolean;
  environments: readonly LensEnvironment[];
}

function time(at: number | undefined): string {
  return at === undefined ? '' : ` (checked ${new Date(at).toTimeString().slice(0, 8)})`;
}

function tooltipOf(e: LensEnvironment): string {
  const s = e.status;
  const where = `"${e.name}"${e.production ? ' (production)' : ''}`;
  switch (s.kind) {
    case 'in-sync':
      return `Matches ${s.resource.provider}${s.resource.name ? ` "${String(s.resource.name)}"` : ''} (${s.id}) in ${where}${time(e.at)}. Click to compare.`;
    case 'differs':
      return (
        `A send would update ${s.id} in ${where}: ${plural(s.changedFields.length, 'field')} ${s.changedFields.length === 1 ? 'differs' : 'differ'} (${listed(s.changedFields)})${time(e.at)}.` +
        (s.immutable ? ` PingOne cannot change "${s.immutable}" of an existing provider.` : '') +
        (s.hiddenDifference ? ' The difference is in values not shown.' : '') +
        ' Click to see the differences.'
      );
    case 'not-created':
      return `No provider in ${where} is bound to this document or matches its provider and name${time(e.at)}. Click to send it there.`;
    case 'ambiguous':
      return `${plural(s.ids.length, 'provider')} in ${where} match this document (same provider and name): ${listed(s.ids)}. Click to send it there and choose one.`;
    case 'invalid':
      return s.message;
    case 'unknown':
      switch (s.cause) {
        case 'not-checked':
          return `${where} has not been checked yet. Click to check the environments.`;
        case 'checking':
          return `Reading the providers of ${where}…`;
        case 'no-secret':
          return `No client secret is set for ${where}: nothing is sent to it. Make it the active environment and run "PingOne: Set Client Secret".`;
        case 'not-allowed':
          return `${where} comes from the workspace settings and is used only once you allow it. Click to check the environments (asks).`;
        case 'failed':
          return `Could not read ${where}: ${s.message ?? 'no answer'}. Click to try again.`;
      }
  }
}

function actionOf(e: LensEnvironment): LensAction {
  switch (e.status.kind) {
    case 'in-sync':
    case 'differs':
      return { kind: 'diff', env: e.name };
    case 'not-created':
    case 'ambiguous':
      return { kind: 'send', env: e.name };
    case 'invalid':
      return { kind: 'none' };
    case 'unknown':
      return e.status.cause === 'checking' || e.status.cause === 'no-secret' ? { kind: 'none' } : { kind: 'check' };
  }
}

export const CHECK_TITLE = 'Check environments';
export const REFRESH_TITLE = 'Refresh';
export const UNTRUSTED_TITLE = 'PingOne environments: sending is disabled until the workspace is trusted';

/**
 * The lenses at the top of a document: none when turned off; one saying why in an untrusted
 * workspace (nothing is read there); none when no environment is configured; one "Check environments" while nothing was read (no request is made
 * before it is clicked); else one per environment and a "Refresh".
 */
export function environmentLenses(input: LensInput): LensSpec[] {
  if (!input.enabled) return [];
  if (!input.trusted)
    return [
      { title: UNTRUSTED_TITLE, tooltip: 'Trust the workspace to compare this file with your environments.', action: { kind: 'trust' } },
    ];
  if (!input.environments.length) return [];
  const envs = input.environments;
  const n = plural(envs.length, 'environment');
  if (envs.every((e) => e.status.kind === 'unknown' && e.status.cause === 'not-checked'))
    return [
      {
        title: CHECK_TITLE,
        tooltip: `Compare this file with each of the ${n} (${envs.map((e) => e.name).join(', ')}): one read of its providers and of where they are used per environment, shared by every open file.`,
        action: { kind: 'check' },
      },
    ];
  const refresh: LensSpec = { title: REFRESH_TITLE, tooltip: `Read the ${n} again.`, action: { kind: 'check' } };
  const invalid = envs.find((e) => e.status.kind === 'invalid');
  if (invalid)
    return [
      { title: `PingOne environments: ${statusText(invalid.status)}`, tooltip: tooltipOf(invalid), action: { kind: 'none' } },
      refresh,
    ];
  return [...envs.map((e) => ({ title: `${e.name}: ${statusText(e.status)}`, tooltip: tooltipOf(e), action: actionOf(e) })), refresh];
}

/** The quick pick's description of an environment: its status, and whether it is the active one. */
export function pickDescription(status: DocumentStatus, active: boolean): string {
  const s = status.kind === 'differs' ? `differs (${plural(status.changedFields.length, 'field')})` : statusText(status);
  return active ? `${s} · active` : s;
}

export interface SendSummary {
  message: string;
  detail: string;
  /** The button that goes ahead; undefined when nothing can be sent. */
  action?: 'Create' | 'Send' | 'Send Anyway';
  /** A diff can be shown (one resource, or none: the whole document is new). */
  diff: boolean;
}

/** What a send to `envName` would do, said before anything is written (Send to Environment…). */
export function sendSummary(
  envName: string,
  production: boolean,
  status: DocumentStatus,
  body: { provider?: unknown; name?: unknown },
): SendSummary {
  const prod = production ? `\n"${envName}" is a PRODUCTION environment: the send asks once more.` : '';
  const what = `${typeof body.provider === 'string' ? body.provider : 'phone delivery'} provider${typeof body.name === 'string' ? ` "${body.name}"` : ''}`;
  switch (status.kind) {
    case 'not-created':
      return {
        message: `Send to "${envName}": would create a new ${what}.`,
        detail: `No provider in "${envName}" is bound to this document or matches its provider and name.${prod}`,
        action: 'Create',
        diff: true,
      };
    case 'differs':
      return {
        message: `Send to "${envName}": would update ${status.id}: ${plural(status.changedFields.length, 'field')}.`,
        detail:
          `Fields that differ: ${listed(status.changedFields)}.` +
          (status.hiddenDifference ? ' The difference is in values not shown.' : '') +
          (status.immutable
            ? `\nPingOne cannot change "${status.immutable}" of an existing provider: the send asks whether to delete it and create a new one.`
            : '') +
          prod,
        action: 'Send',
        diff: true,
      };
    case 'in-sync':
      return {
        message: `Send to "${envName}": nothing would change.`,
        detail: `${status.id} in "${envName}" matches this document. Sending it anyway updates it with the same content.${prod}`,
        action: 'Send Anyway',
        diff: true,
      };
    case 'ambiguous':
      return {
        message: `Send to "${envName}": ${plural(status.ids.length, 'provider')} match this document.`,
        detail: `${listed(status.ids)} have its provider and name; the send asks which one it updates.${prod}`,
        action: 'Send',
        diff: false,
      };
    case 'invalid':
      return { message: `Nothing was sent to "${envName}".`, detail: status.message, diff: false };
    case 'unknown':
      return {
        message: `Nothing was sent to "${envName}": its status is ${statusText(status)}.`,
        detail: status.message ?? '',
        diff: false,
      };
  }
}

export interface UsageEnvironment {
  name: string;
  status: DocumentStatus;
  /** Where providers are used there, when the environment was read. */
  usage?: UsageReading;
}

export const RUN_CHECK = 'Run Check environments to see where it is used.';

/** Markdown without its markup: text from settings or PingOne (names, messages) shows as text, never as a link. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]<>#|~!]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/**
 * The hover section on the document's `name` or `id`: per environment where the document is bound
 * or matched, which fallback chain positions and notification policies reference that provider.
 * From the cached readings only (no request).
 */
export function usageHover(environments: readonly UsageEnvironment[]): string {
  const head = '**Where this provider is used**';
  if (!environments.some((e) => e.usage && e.usage.kind !== 'not-read')) return `${head}\n\n${RUN_CHECK}`;
  const lines = environments.map((e) => {
    const env = `**${escapeMarkdown(e.name)}**`;
    const s = e.status;
    if (s.kind !== 'in-sync' && s.kind !== 'differs') return `- ${env}: ${escapeMarkdown(statusText(s))}`;
    const at = `${env} (\`${s.id.replace(/`/g, '')}\`)`;
    if (!e.usage || e.usage.kind === 'not-read') return `- ${at}: where it is used was not read yet (Refresh)`;
    if (e.usage.kind === 'failed') return `- ${at}: where it is used could not be read (${escapeMarkdown(e.usage.message)})`;
    const refs = referencesTo(e.usage.usage, s.id);
    if (!refs.length) return `- ${at}: in no fallback chain and no notification policy: PingOne does not send through it`;
    return [`- ${at}:`, ...refs.map((r) => `  - ${escapeMarkdown(describeReference(r))}`)].join('\n');
  });
  return `${head}\n\n${lines.join('\n')}`;
}
