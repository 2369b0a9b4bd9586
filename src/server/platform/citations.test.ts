/**
 * The repository stands alone: a comment or a string that cites a document (`docs/rules.md`, with or
 * without the folder) names a file of this repository, and a section it quotes after the name
 * (`docs/rules.md "Payments"`) is a heading of that file. Sources are read with the TypeScript parser,
 * so only comments, strings and JSX text are searched: in code, the `md` of antd's breakpoints is a
 * property, no citation.
 *
 * A path is resolved from the repository root (`docs/…`), or from the citing file's folder when it
 * starts with ./ or ../; a bare name is no citation of anything, except the README at the root. A
 * quoted section matches a heading exactly or its leading words ("Separation of duties" for
 * "Separation of duties (不相容岗位分离)").
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SCANNED = ['src', 'e2e', 'bench', 'scripts', '.ci'];
/** Data, not prose: JSON files and the benchmarks' results. */
const SKIPPED_EXTENSIONS = new Set(['.json', '.jsonl', '.png', '.jpg', '.ttf', '.otf', '.woff', '.woff2', '.pdf', '.xlsx']);
const PARSED: Record<string, ts.ScriptKind> = {
  '.ts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.js': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
};
/** The tokens that hold text rather than code. */
const TEXT_KINDS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.JsxText,
]);
/** A path ending in .md (under a folder, from ./ or ../, or a bare name), not part of a longer name or a URL. */
const CITATION = /(?<![\w/.:-])((?:\.{1,2}\/)*(?:[\w-]+\/)*[\w.-]*\w\.md)(?![\w-])/g;
const FIRST_QUOTE = /^[ \t]*["“]([^"”\n]+)["”]/;
const NEXT_QUOTE = /^[ \t]*(?:,|and|or)[ \t]*["“]([^"”\n]+)["”]/;

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'data' ? [] : sourceFiles(path);
    return SKIPPED_EXTENSIONS.has(extname(e.name)) ? [] : [path];
  });
}

/** The spans of a file that are prose: comments, string and template literals, JSX text (all of a file that is not code). */
function proseSpans(path: string, text: string): [number, number][] {
  const kind = PARSED[extname(path)];
  if (kind === undefined) return [[0, text.length]];
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  const spans = new Map<number, number>();
  const comments = (ranges: ts.CommentRange[] | undefined) => ranges?.forEach((r) => spans.set(r.pos, r.end));
  const visit = (node: ts.Node) => {
    comments(ts.getLeadingCommentRanges(text, node.pos));
    comments(ts.getTrailingCommentRanges(text, node.end));
    if (TEXT_KINDS.has(node.kind)) spans.set(node.getStart(sf), node.end);
    // getChildren includes the tokens, so a comment before a closing brace is seen too.
    node.getChildren(sf).forEach(visit);
  };
  visit(sf);
  return [...spans];
}

/** The headings of a Markdown file (outside code fences), without their #s. */
function headings(path: string): string[] {
  let fenced = false;
  const found: string[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const m = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (m) found.push(m[1]);
  }
  return found;
}

/** Where a cited path lies, or null when it can name no file of the repository. */
function resolveCitation(citingFile: string, cited: string): string | null {
  const path = cited.startsWith('./') || cited.startsWith('../') ? resolve(dirname(citingFile), cited) : resolve(root, cited);
  if (!cited.includes('/') && cited !== 'README.md') return null;
  const inside = relative(root, path);
  if (inside.startsWith('..') || inside.startsWith(sep)) return null;
  return existsSync(path) && statSync(path).isFile() ? path : null;
}

function problemsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const spans = proseSpans(file, text);
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  const where = (index: number) => `${relative(root, file)}:${lineOf(index)}`;
  const problems: string[] = [];
  for (const m of text.matchAll(CITATION)) {
    const at = m.index;
    if (!spans.some(([start, end]) => at >= start && at < end)) continue;
    const cited = m[1];
    const doc = resolveCitation(file, cited);
    if (!doc) {
      problems.push(`${where(at)}: ${cited} is not a file of the repository`);
      continue;
    }
    let rest = text.slice(at + cited.length);
    const quoted: string[] = [];
    for (let q = FIRST_QUOTE.exec(rest); q; q = NEXT_QUOTE.exec(rest)) {
      quoted.push(q[1]);
      rest = rest.slice(q[0].length);
    }
    if (quoted.length === 0) continue;
    const sections = headings(doc);
    for (const section of quoted) {
      if (!sections.some((h) => h === section || h.startsWith(`${section} `)))
        problems.push(`${where(at)}: ${cited} has no heading "${section}"`);
    }
  }
  return problems;
}

describe('citations', () => {
  it('every document a comment cites is in the repository, and every quoted section exists', () => {
    const files = SCANNED.flatMap((dir) => sourceFiles(join(root, dir)));
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap(problemsOf)).toEqual([]);
  });
});
