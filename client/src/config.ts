/**
 * The extension's settings (prefix `pingone.`), read through typed getters with defaults. Adding a
 * setting: declare it in package.json `contributes.configuration`, add a getter here, use it.
 */
import * as vscode from 'vscode';
import { stricterFlag, userValue } from '../../server/src/workflow/settingScopes';

export const SECTION = 'pingone';

export const SettingIds = {
  filePatterns: 'files.patterns',
  detectByContent: 'files.detectByContent',
  environments: 'environments',
  activeEnvironment: 'activeEnvironment',
  confirmEverySend: 'confirmEverySend',
  timeoutSeconds: 'timeoutSeconds',
  maxRetryAfterSeconds: 'maxRetryAfterSeconds',
  maxDocumentSizeMB: 'limits.maxDocumentSizeMB',
  maxNestingDepth: 'limits.maxNestingDepth',
  environmentStatusEnabled: 'environmentStatus.enabled',
  environmentStatusRefreshMinutes: 'environmentStatus.refreshIntervalMinutes',
} as const;

/** Settings the language server reads at start: changing them restarts it. */
export const SERVER_SETTINGS = [SettingIds.maxDocumentSizeMB, SettingIds.maxNestingDepth];

function cfg(scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION, scope);
}

export const config = {
  filePatterns: (): string[] => cfg().get<string[]>(SettingIds.filePatterns) ?? ['*.phone-delivery.json'],
  detectByContent: (): boolean => cfg().get<boolean>(SettingIds.detectByContent) ?? true,
  /** The person's choice, from user settings only: a workspace cannot pick where PingOne commands go. */
  activeEnvironment: (): string | undefined => userValue(cfg().inspect<string>(SettingIds.activeEnvironment)) || undefined,
  /** On when user settings turn it on, or when the workspace does: a workspace cannot turn it off. */
  confirmEverySend: (): boolean => stricterFlag(cfg().inspect<boolean>(SettingIds.confirmEverySend)),
  timeoutMs: (): number => Math.max(1, cfg().get<number>(SettingIds.timeoutSeconds) ?? 30) * 1000,
  maxRetryAfterMs: (): number => Math.max(0, cfg().get<number>(SettingIds.maxRetryAfterSeconds) ?? 60) * 1000,
  serverLimits: () => ({
    maxSize: Math.max(0.001, cfg().get<number>(SettingIds.maxDocumentSizeMB) ?? 10) * 1024 * 1024,
    maxDepth: Math.max(1, cfg().get<number>(SettingIds.maxNestingDepth) ?? 512),
  }),
  /** The per-environment CodeLens and usage hover (no request until "Check environments" is clicked). */
  environmentStatusEnabled: (): boolean => cfg().get<boolean>(SettingIds.environmentStatusEnabled) ?? true,
  /** 0: never refreshed on its own; else at most this often, while a phone delivery settings file is shown. */
  environmentStatusRefreshMinutes: (): number => Math.max(0, cfg().get<number>(SettingIds.environmentStatusRefreshMinutes) ?? 0),
  section: cfg,
};
