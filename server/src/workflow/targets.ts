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

/** The first property of each name in breadth-first order (a bare leaf name's match), built once per document. */
function firstByName(root: Node): Map<string, Node> {
  const found = new Map<string, Node>();
  const queue: Node[] = [root];
  for (let i = 0; i < queue.length; i++) {
    const n = queue[i];
    if (n.type === 'property' && typeof n.children?.[0]?.value === 'string' && !found.has(n.children[0].value)) {
      found.set(n.children[0].value, n.children[1] ?? n.children[0]);
    }
    if (n.children) for (const c of n.children) queue.push(c);
  }
  return found;
}

/**
 * Ranges of many targets in one document: the text is parsed once, and the index of key names is
 * built once, on the first bare name (an error with a hundred details must not parse a large
 * document a hundred times).
 */
export function targetLocator(text: string): (target: string | undefined) => TargetRange {
  const nl = text.indexOf('\n');
  const firstLine = { offset: 0, length: Math.max(0, nl < 0 ? text.length : nl), matched: false };
  const root = parseTree(text);
  let byName: Map<string, Node> | undefined;
  return (target) => {
    if (!root || !target) return firstLine;
    const path = targetToPath(target);
    let node = path.length ? findNodeAtLocation(root, path) : undefined;
    if (!node && path.length > 1) {
      // A property the document lacks (a missing required field): point at the object that should hold it.
      const parent = findNodeAtLocation(root, path.slice(0, -1));
      if (parent) node = parent.parent?.type === 'property' ? parent.parent.children![0] : { ...parent, length: 1 };
    }
    const leaf = path[path.length - 1];
    if (!node && typeof leaf === 'string') node = (byName ??= firstByName(root)).get(leaf); // a bare leaf name
    return node ? { offset: node.offset, length: node.length, matched: true } : firstLine;
  };
}

export function rangeOfTarget(text: string, target: string | undefined): TargetRange {
  return targetLocator(text)(target);
}
