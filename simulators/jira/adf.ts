/** Atlassian Document Format: the minimum checks Jira's v3 API applies, and plain-text helpers. */

export interface AdfNode {
  type: string;
  text?: string;
  content?: AdfNode[];
  attrs?: Record<string, unknown>;
  marks?: unknown[];
}

export interface AdfDoc extends AdfNode {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns a problem description, or null when `value` is a valid ADF node tree. */
function nodeProblem(value: unknown, path: string): string | null {
  if (!isRecord(value)) return `${path} must be an object`;
  if (typeof value.type !== 'string' || !value.type)
    return `${path}.type must be a non-empty string`;
  if (value.type === 'text' && typeof value.text !== 'string')
    return `${path}.text must be a string`;
  if (value.content !== undefined) {
    if (!Array.isArray(value.content)) return `${path}.content must be an array`;
    for (let i = 0; i < value.content.length; i++) {
      const problem = nodeProblem(value.content[i], `${path}.content[${i}]`);
      if (problem) return problem;
    }
  }
  return null;
}

/** Null when `value` is `{type:'doc', version:1, content:[...]}` with well-formed nodes. */
export function adfProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'the value must be an Atlassian Document (an object), not a string';
  if (value.type !== 'doc') return 'type must be "doc"';
  if (value.version !== 1) return 'version must be 1';
  if (!Array.isArray(value.content)) return 'content must be an array';
  return nodeProblem(value, 'doc');
}

export function isAdfDoc(value: unknown): value is AdfDoc {
  return adfProblem(value) === null;
}

export function textToAdf(text: string): AdfDoc {
  const paragraphs = text.split(/\n{2,}/).filter((p) => p.length > 0);
  return {
    type: 'doc',
    version: 1,
    content: paragraphs.map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p }] })),
  };
}

export function adfToText(node: AdfNode | null | undefined): string {
  if (!node) return '';
  if (node.type === 'text') return node.text ?? '';
  const parts = (node.content ?? []).map((child) => adfToText(child));
  const block = node.type === 'paragraph' || node.type === 'heading' || node.type === 'doc';
  return parts.join(node.type === 'doc' ? '\n\n' : block ? '' : '');
}
