// Types for driver-client.js (the client stays plain CommonJS JS). From TypeScript tests, load it through the
// absolute path the launcher passes, and take only the types from here (a type-only import is erased):
//   type Driver = typeof import('../vscode-host/driver-client');
//   const driver: Driver = require(process.env.CODE_TEST_DRIVER_CLIENT!);

export interface ActionOptions {
  /** How long to wait for the element, in ms (default 15000). */
  timeout?: number;
}
export type Action =
  | ({ action: 'clickDialogButton'; label: string } & ActionOptions)
  | ({ action: 'pickQuickItem'; label?: string; labels?: string[] } & ActionOptions)
  | ({ action: 'typeInput'; text: string; enter?: boolean } & ActionOptions)
  | ({ action: 'clickNotificationButton'; label: string } & ActionOptions)
  | ({ action: 'notifications' } & ActionOptions)
  | ({ action: 'waitForText'; text: string; selector?: string; exact?: boolean } & ActionOptions)
  | ({ action: 'screenshot'; path: string; selector?: string } & ActionOptions)
  | ({ action: 'pressKey'; key: string } & ActionOptions)
  | ({ action: 'click'; text: string; selector?: string; exact?: boolean } & ActionOptions)
  | ({ action: 'html'; selector?: string } & ActionOptions);

export interface Answer {
  ok: true;
  [key: string]: unknown;
}
export interface DialogAnswer extends Answer {
  message: string;
  detail: string;
  buttons: string[];
}
export interface QuickPickAnswer extends Answer {
  items: string[];
  title: string;
  placeholder: string;
  multi: boolean;
}
export interface InputAnswer extends Answer {
  prompt: string;
  title: string;
  placeholder: string;
  /** Set when the value was not accepted (the input box is still open). */
  stillOpen?: true;
  validation?: string;
  severity?: string;
}
export interface ScreenshotAnswer extends Answer {
  path: string;
  bytes: number;
}

/** Sends an action to the launcher; rejects when it fails or when not running under code-test-host.js. */
export function drive(action: Action): Promise<Answer>;
/** True when CODE_TEST_DRIVER_URL is set (running under code-test-host.js). */
export function available(): boolean;
export function driverUrl(): string | undefined;

export function clickDialogButton(label: string, opts?: ActionOptions): Promise<DialogAnswer>;
export function pickQuickItem(label: string, opts?: ActionOptions): Promise<QuickPickAnswer>;
export function typeInput(text: string, opts?: ActionOptions & { enter?: boolean }): Promise<InputAnswer>;
export function clickNotificationButton(label: string, opts?: ActionOptions): Promise<Answer & { message: string }>;
export function notifications(opts?: ActionOptions): Promise<Answer & { toasts: string[] }>;
export function waitForText(text: string, opts?: ActionOptions & { selector?: string; exact?: boolean }): Promise<Answer>;
export function screenshot(path: string, opts?: ActionOptions & { selector?: string }): Promise<ScreenshotAnswer>;
export function pressKey(key: string, opts?: ActionOptions): Promise<Answer>;
/** Clicks the first visible element whose text is `text` (exact unless `exact: false`), within `selector`. */
export function click(text: string, opts?: ActionOptions & { selector?: string; exact?: boolean }): Promise<Answer>;
