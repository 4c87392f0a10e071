import type { AssetContext } from '../../core/sync/connector';

/** An Atlassian Document Format node (the subset this connector writes). */
export interface AdfNode {
  type: string;
  attrs?: Record<string, unknown>;
  text?: string;
  marks?: { type: string }[];
  content?: AdfNode[];
}

export interface AdfDoc {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

const text = (value: string, strong = false): AdfNode =>
  strong
    ? { type: 'text', text: value, marks: [{ type: 'strong' }] }
    : { type: 'text', text: value };

const paragraph = (...content: AdfNode[]): AdfNode => ({ type: 'paragraph', content });

/**
 * The asset context as an ADF comment: a heading, then per asset its name in bold and its facts
 * as a bullet list. Built from the core's plain-text lines (blocks separated by an empty line), so
 * that the comment says exactly what the fingerprint covers.
 */
export function contextToAdf(context: AssetContext): AdfDoc {
  const blocks: string[][] = [[]];
  for (const line of context.lines) {
    if (line === '') blocks.push([]);
    else blocks[blocks.length - 1]!.push(line);
  }
  const [title, ...assets] = blocks;
  const content: AdfNode[] = [
    {
      type: 'heading',
      attrs: { level: 3 },
      content: [text(title?.[0] ?? 'Asset context (assetbridge)')],
    },
  ];
  for (const block of assets) {
    const [name, ...facts] = block;
    if (name === undefined) continue;
    content.push(paragraph(text(name, true)));
    if (facts.length > 0) {
      content.push({
        type: 'bulletList',
        content: facts.map((f) => ({ type: 'listItem', content: [paragraph(text(f))] })),
      });
    }
  }
  return { type: 'doc', version: 1, content };
}

/** The plain text of an ADF document (or a string), for searching serials and asset tags. */
export function adfText(node: unknown): string {
  if (typeof node === 'string') return node;
  if (node === null || typeof node !== 'object') return '';
  const n = node as { text?: unknown; content?: unknown };
  const own = typeof n.text === 'string' ? n.text : '';
  const children = Array.isArray(n.content) ? n.content.map(adfText).join(' ') : '';
  return [own, children].filter(Boolean).join(' ');
}
