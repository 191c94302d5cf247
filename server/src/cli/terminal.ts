/**
 * Text from the network or a document is printed escaped: a resource name or a key holding
 * terminal control sequences (OSC 52 clipboard writes, line erases, cursor moves) must not reach
 * the terminal raw. Every control character but the line feed and the tab, DEL, the C1 controls
 * and the bidirectional overrides become `\uXXXX`, which JSON output reads back as the same string.
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
