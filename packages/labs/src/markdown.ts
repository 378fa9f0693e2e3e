/**
 * A lab page as the runner sees it: its front matter and its fenced code blocks, read with
 * mdast-util-from-markdown (micromark) and the YAML front-matter extension — never by hand, so a
 * fence inside a list, a longer fence around a shorter one or a tilde fence means what it means
 * in any CommonMark renderer.
 */
import type { Code, Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { frontmatter } from 'micromark-extension-frontmatter';
import { parse as parseYaml } from 'yaml';
import { LabError } from './errors.js';

export interface CodeBlock {
  /** The fence's info string's first word (`bash`, `hcl` …), if any. */
  readonly lang: string | undefined;
  /** The rest of the info string: the annotations (`test=false reason="…"`). */
  readonly meta: string;
  readonly value: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** 1-based line of the closing fence. */
  readonly endLine: number;
  /** What precedes the opening fence on its line (a list item's indentation), kept when rewriting. */
  readonly indent: string;
}

export interface Page {
  /** Path relative to the repository root. */
  readonly file: string;
  readonly title: string;
  readonly weight: number;
  readonly blocks: readonly CodeBlock[];
  readonly text: string;
}

function walk(node: Nodes, visit: (node: Nodes) => void): void {
  visit(node);
  if ('children' in node) for (const child of node.children) walk(child as Nodes, visit);
}

/** The page's front matter as an object ({} when it has none). */
function frontMatterOf(tree: Root, file: string): Record<string, unknown> {
  const node = tree.children[0];
  if (node?.type !== 'yaml') return {};
  let data: unknown;
  try {
    data = parseYaml(node.value);
  } catch (error) {
    throw new LabError('LAB_INVALID', `its front matter is not YAML: ${(error as Error).message}`, {
      file,
      line: 1,
    });
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new LabError('LAB_INVALID', 'its front matter must be a YAML mapping (title:, weight:)', {
      file,
      line: 1,
    });
  }
  return data as Record<string, unknown>;
}

/** Parses one page; `file` is repository-relative and only names the page in errors. */
export function parsePage(text: string, file: string): Page {
  const tree = fromMarkdown(text, {
    extensions: [frontmatter(['yaml'])],
    mdastExtensions: [frontmatterFromMarkdown(['yaml'])],
  });
  const data = frontMatterOf(tree, file);
  const { title, weight } = data;
  if (typeof title !== 'string' || title.trim() === '') {
    throw new LabError('LAB_INVALID', 'its front matter has no title: (a string)', { file, line: 1 });
  }
  if (typeof weight !== 'number' || !Number.isFinite(weight)) {
    throw new LabError('LAB_INVALID', 'its front matter has no weight: (a number that orders the pages)', {
      file,
      line: 1,
    });
  }
  const lines = text.split('\n');
  const blocks: CodeBlock[] = [];
  walk(tree, (node) => {
    if (node.type !== 'code') return;
    const code = node as Code;
    const start = code.position?.start;
    const end = code.position?.end;
    if (!start || !end) return;
    const opening = lines[start.line - 1] ?? '';
    const fence = /^(\s*(?:[-*+]\s+|\d+[.)]\s+)?)(`{3,}|~{3,})/.exec(opening);
    if (!fence) {
      throw new LabError('LAB_INVALID', 'an indented code block: use a fenced block (```bash, ```text …)', {
        file,
        line: start.line,
      });
    }
    const closing = (lines[end.line - 1] ?? '').trim();
    const marker = fence[2] ?? '```';
    if (end.line === start.line || !closing.startsWith(marker.slice(0, 3))) {
      throw new LabError('LAB_INVALID', 'a code block that is never closed', { file, line: start.line });
    }
    blocks.push({
      lang: code.lang ?? undefined,
      meta: code.meta ?? '',
      value: code.value,
      line: start.line,
      endLine: end.line,
      indent: ' '.repeat((fence[1] ?? '').length),
    });
  });
  return { file, title: title.trim(), weight, blocks, text };
}
