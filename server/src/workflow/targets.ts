/**
 * PingOne error `details[].target` → a range of the sent document. The reference does not fix the
 * target syntax, so it is read leniently: `requests[0].url`, `requests.0.url`, `/requests/0/url`,
 * or a bare leaf name.
 */
import { findNodeAtLocation, parseTree, type JSONPath, type Node } from 'jsonc-parser';

export interface TargetRange {
  offset: number;
  length: number;
  /** False when nothing matched: the range is then the first line. */
  matched: boolean;
}

export function targetToPath(target: string): JSONPath {
  const t = target.trim().replace(/^\$\.?/, '');
  const parts = t.startsWith('/') ? t.slice(1).split('/') : t.replace(/\[(\d+)\]/g, '.$1').split('.');
  return parts.filter((p) => p !== '').map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
}

function findKey(root: Node, name: string): Node | undefined {
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.shift()!;
    if (n.type === 'property' && n.children?.[0]?.value === name) return n.children[1] ?? n.children[0];
    if (n.children) stack.push(...n.children);
  }
  return undefined;
}

export function rangeOfTarget(text: string, target: string | undefined): TargetRange {
  const firstLine = { offset: 0, length: Math.max(0, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n')), matched: false };
  const root = parseTree(text);
  if (!root || !target) return firstLine;
  const path = targetToPath(target);
  let node = path.length ? findNodeAtLocation(root, path) : undefined;
  if (!node && path.length > 1) {
    // A property the document lacks (a missing required field): point at the object that should hold it.
    const parent = findNodeAtLocation(root, path.slice(0, -1));
    if (parent) node = parent.parent?.type === 'property' ? parent.parent.children![0] : { ...parent, length: 1 };
  }
  const leaf = path[path.length - 1];
  if (!node && typeof leaf === 'string') node = findKey(root, leaf); // a bare leaf name
  return node ? { offset: node.offset, length: node.length, matched: true } : firstLine;
}
