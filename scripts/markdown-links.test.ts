/**
 * Every Markdown file tracked by git must lead somewhere, so that moving a file or renaming a
 * heading cannot leave the documentation pointing at nothing:
 *
 * 1. every relative link `[text](path)` or `[text](path#anchor)` names a file or folder that
 *    exists, relative to the Markdown file (`/path` from the repository's root);
 * 2. every anchor, `#x` in the same page or `file.md#x`, is the slug of a heading of that page,
 *    as GitHub makes it;
 * 3. every backticked repository path (`lib/auth0.ts`, `e2e/pages/`, `proxy.ts`) exists.
 *
 * Fenced code blocks are not Markdown prose: their links, headings and backticks are ignored.
 * Each check reports every failure it finds in one message, one `file:line → target` per line.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Backticked text that starts with one of these names a path of this repository. */
const PATH_PREFIXES = [
  "app/",
  "components/",
  "config/",
  "lib/",
  "local-issuer/",
  "e2e/",
  "test-support/",
  "bench/",
  "scripts/",
  "provisioning/",
  "docs/",
  ".ci/",
];
/** Backticked text equal to one of these names a file at the repository's root. */
const ROOT_FILES = ["proxy.ts"];

/** A Markdown file: its path from the repository's root, and its prose (code blocks blanked). */
type MarkdownFile = { path: string; prose: string };

/** Something a Markdown file points at: the file, the line, and the target as written. */
type Reference = { file: string; line: number; target: string };

/** A reference that leads nowhere, and why. */
type Failure = Reference & { problem: string };

/** A backticked code span: where it starts in the text and what it holds. */
type CodeSpan = { start: number; end: number; content: string };

/**
 * The Markdown files git tracks, from the repository's root, leaving out any `node_modules`.
 *
 * @example
 * trackedMarkdownFiles(); // ["README.md", "bench/reports/latest.md", "docs/deploy.md", …]
 */
function trackedMarkdownFiles(): string[] {
  const output = execFileSync("git", ["ls-files", "-z", "--", "*.md"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return output
    .split("\0")
    .filter((path) => path !== "" && !path.split("/").includes("node_modules"));
}

/**
 * The text with every fenced code block (``` or ~~~, fences included) blanked to empty lines,
 * so that line numbers stay true and nothing inside a block reads as a link or a heading.
 *
 * @example
 * blankFencedCode("a\n```\n# not a heading\n```\nb"); // "a\n\n\n\nb"
 */
function blankFencedCode(text: string): string {
  let fence: { char: string; length: number } | null = null;
  return text
    .split("\n")
    .map((line) => {
      const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence === null) {
        if (marker === undefined) return line;
        fence = { char: marker[0] ?? "`", length: marker.length };
        return "";
      }
      const closes =
        marker !== undefined &&
        marker[0] === fence.char &&
        marker.length >= fence.length &&
        line.trim() === marker;
      if (closes) fence = null;
      return "";
    })
    .join("\n");
}

/**
 * The inline code spans of prose, as CommonMark pairs them: a run of backticks opens, the next
 * run of as many backticks closes, within one paragraph. A span may wrap onto the next line.
 *
 * @example
 * codeSpans("see `lib/auth0.ts` and ``a ` b``").map((span) => span.content);
 * // ["lib/auth0.ts", "a ` b"]
 */
function codeSpans(prose: string): CodeSpan[] {
  const spans: CodeSpan[] = [];
  const runs = /`+/g;
  for (let open = runs.exec(prose); open !== null; open = runs.exec(prose)) {
    const ticks = open[0];
    const from = open.index + ticks.length;
    const paragraphEnd = prose.slice(from).search(/\n[ \t]*\n/);
    const paragraph = prose.slice(from, paragraphEnd === -1 ? undefined : from + paragraphEnd);
    const close = new RegExp(`(?<!\`)${ticks}(?!\`)`).exec(paragraph);
    if (close === null) continue; // An unmatched run is literal backticks.
    const end = from + close.index + ticks.length;
    spans.push({ start: open.index, end, content: paragraph.slice(0, close.index) });
    runs.lastIndex = end;
  }
  return spans;
}

/** The prose with its code spans blanked to spaces (newlines kept), so they hold no links. */
function blankCodeSpans(prose: string): string {
  let blanked = prose;
  for (const span of codeSpans(prose)) {
    const spaces = prose.slice(span.start, span.end).replace(/[^\n]/g, " ");
    blanked = blanked.slice(0, span.start) + spaces + blanked.slice(span.end);
  }
  return blanked;
}

/** The 1-based line of a character index. */
function lineAt(text: string, index: number): number {
  return text.slice(0, index).split("\n").length;
}

/**
 * A heading's anchor as GitHub makes it: the rendered text (links and images by their text,
 * HTML tags and backticks removed), lower-cased, punctuation removed except `-` and `_`, each
 * space a `-`.
 *
 * @example
 * githubSlug("Errors you can meet, their cause and their fix");
 * // "errors-you-can-meet-their-cause-and-their-fix"
 * githubSlug("`auth0()` — on the server"); // "auth0--on-the-server"
 */
function githubSlug(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]*>/g, "")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "")
    .replace(/ /g, "-");
}

/**
 * The anchors a page offers: the slugs of its ATX headings outside code blocks, a repeated one
 * numbered `-1`, `-2`… as GitHub does, and the `id`/`name` of its HTML anchors.
 *
 * @example
 * headingAnchors("# A\n## A\n```\n# B\n```"); // Set { "a", "a-1" }
 */
function headingAnchors(text: string): Set<string> {
  const prose = blankFencedCode(text);
  const anchors = new Set<string>();
  for (const match of prose.matchAll(/^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/gm)) {
    const base = githubSlug(match[1] ?? "");
    let slug = base;
    for (let count = 1; anchors.has(slug); count += 1) slug = `${base}-${count}`;
    anchors.add(slug);
  }
  for (const match of prose.matchAll(/<a\s[^>]*\b(?:id|name)="([^"]+)"/g)) {
    anchors.add(match[1] ?? "");
  }
  return anchors;
}

/**
 * The links and images of a page, inline (`[text](target "title")`) and as reference
 * definitions (`[name]: target`), with the line each starts on. Code is not searched.
 *
 * @example
 * links({ path: "README.md", prose: "See [Security](docs/security.md)." });
 * // [{ file: "README.md", line: 1, target: "docs/security.md" }]
 */
function links(file: MarkdownFile): Reference[] {
  const text = blankCodeSpans(file.prose);
  const destination = String.raw`(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)`;
  const title = String.raw`(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?`;
  const inline = new RegExp(
    String.raw`!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*${destination}${title}\s*\)`,
    "g",
  );
  const definition = /^ {0,3}\[[^\]]+\]:[ \t]*(<[^>\n]*>|\S+)/gm;
  return [...text.matchAll(inline), ...text.matchAll(definition)].map((match) => ({
    file: file.path,
    line: lineAt(text, match.index),
    target: (match[1] ?? "").replace(/^<|>$/g, ""),
  }));
}

/** Whether a link leaves the repository: a scheme (`https:`, `mailto:`…) or `//host`. */
function isExternal(target: string): boolean {
  return /^[a-z][a-z\d+.-]*:/i.test(target) || target.startsWith("//");
}

/** A link's path and anchor, decoded: `docs/a%20b.md?x#y` → `docs/a b.md` and `y`. */
function splitTarget(target: string): { path: string; anchor: string | null } {
  const hash = target.indexOf("#");
  const path = (hash === -1 ? target : target.slice(0, hash)).replace(/\?.*$/, "");
  const anchor = hash === -1 ? null : target.slice(hash + 1);
  return { path: safeDecode(path), anchor: anchor === null ? null : safeDecode(anchor) };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Where a link's path leads on disk: the page itself for `#x`, the repository's root for `/x`,
 * else the page's folder.
 */
function resolveLinkPath(page: string, path: string): string {
  if (path === "") return join(ROOT, page);
  if (path.startsWith("/")) return join(ROOT, path);
  return resolve(ROOT, dirname(page), path);
}

/**
 * Check 1: the relative links whose file or folder does not exist.
 *
 * @example
 * brokenLinks([{ path: "README.md", prose: "[x](nowhere.md)" }]);
 * // [{ file: "README.md", line: 1, target: "nowhere.md", problem: "no such file or folder" }]
 */
function brokenLinks(files: MarkdownFile[]): Failure[] {
  return files
    .flatMap(links)
    .filter((link) => !isExternal(link.target))
    .filter((link) => !existsSync(resolveLinkPath(link.file, splitTarget(link.target).path)))
    .map((link) => ({ ...link, problem: "no such file or folder" }));
}

/**
 * Check 2: the anchors, in-page or into another Markdown page, that no heading of that page
 * makes. A link whose file is missing is check 1's; an anchor into a non-Markdown file (a line
 * of source) is not a heading and is not checked.
 */
function brokenAnchors(files: MarkdownFile[]): Failure[] {
  const anchorsOf = new Map<string, Set<string>>();
  const anchorsIn = (absolute: string): Set<string> => {
    const known = anchorsOf.get(absolute);
    if (known !== undefined) return known;
    const found = headingAnchors(readFileSync(absolute, "utf8"));
    anchorsOf.set(absolute, found);
    return found;
  };
  return files.flatMap(links).flatMap((link): Failure[] => {
    if (isExternal(link.target)) return [];
    const { path, anchor } = splitTarget(link.target);
    const absolute = resolveLinkPath(link.file, path);
    if (anchor === null || !/\.md$/i.test(absolute) || !isFile(absolute)) return [];
    if (anchorsIn(absolute).has(anchor)) return [];
    const page = relative(ROOT, absolute);
    return [{ ...link, problem: `no heading "${anchor}" in ${page}` }];
  });
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/**
 * The backticked tokens of a page that name a repository path, a trailing `:line` removed.
 * Patterns are left out: tokens with `<`, `*`, `…` or a space (`app/(demos)/<slug>/`).
 *
 * @example
 * repositoryPaths({ path: "README.md", prose: "`lib/auth0.ts:29`, `lib/*.ts`, `npm test`" });
 * // [{ file: "README.md", line: 1, target: "lib/auth0.ts" }]
 */
function repositoryPaths(file: MarkdownFile): Reference[] {
  return codeSpans(file.prose)
    .map((span) => ({ span, token: span.content.trim() }))
    .filter(({ token }) => !/[<*…\s]/.test(token))
    .map(({ span, token }) => ({ span, token: token.replace(/:\d+(?:-\d+)?$/, "") }))
    .filter(
      ({ token }) => ROOT_FILES.includes(token) || PATH_PREFIXES.some((p) => token.startsWith(p)),
    )
    .map(({ span, token }) => ({
      file: file.path,
      line: lineAt(file.prose, span.start),
      target: token,
    }));
}

/** Check 3: the backticked repository paths that name no file or folder. */
function missingRepositoryPaths(files: MarkdownFile[]): Failure[] {
  return files
    .flatMap(repositoryPaths)
    .filter((reference) => !existsSync(join(ROOT, reference.target)))
    .map((reference) => ({ ...reference, problem: "no such file or folder" }));
}

/** One line per failure, `file:line → target (problem)`, under a heading that counts them. */
function report(what: string, failures: Failure[]): string {
  const lines = failures.map((f) => `  ${f.file}:${f.line} → ${f.target} (${f.problem})`);
  return [`${failures.length} ${what}:`, ...lines].join("\n");
}

/** Reads a tracked Markdown file, its fenced code blocks blanked. */
function readMarkdown(path: string): MarkdownFile {
  return { path, prose: blankFencedCode(readFileSync(join(ROOT, path), "utf8")) };
}

describe("the Markdown files", () => {
  const files = trackedMarkdownFiles().map(readMarkdown);

  test("are found: README.md and the docs/ pages among them", () => {
    const paths = files.map((file) => file.path);
    assert.ok(paths.includes("README.md"), paths.join(", "));
    assert.ok(
      paths.some((path) => path.startsWith("docs/")),
      paths.join(", "),
    );
  });

  test("link only to files and folders that exist", () => {
    const failures = brokenLinks(files);
    assert.equal(failures.length, 0, report("links lead to nothing", failures));
  });

  test("link only to anchors that a heading of the target page makes", () => {
    const failures = brokenAnchors(files);
    assert.equal(failures.length, 0, report("anchors match no heading", failures));
  });

  test("name only repository paths that exist, in backticks", () => {
    const failures = missingRepositoryPaths(files);
    assert.equal(failures.length, 0, report("backticked paths do not exist", failures));
  });
});

describe("reading Markdown as GitHub does", () => {
  test("slugs: lower case, punctuation out except - and _, spaces to -, code as its text", () => {
    assert.equal(
      githubSlug("Sessions in Redis, and several instances"),
      "sessions-in-redis-and-several-instances",
    );
    assert.equal(githubSlug("`auth0()` in a Server_Component"), "auth0-in-a-server_component");
    assert.equal(githubSlug("One click — file by file"), "one-click--file-by-file");
    assert.equal(githubSlug("[Deploy](docs/deploy.md) it"), "deploy-it");
  });

  test("anchors: repeated headings numbered, headings in code blocks ignored", () => {
    const text = "# Top\n## Notes\n```sh\n# not a heading\n```\n### Notes\n~~~\n## Top\n~~~\n";
    assert.deepEqual([...headingAnchors(text)], ["top", "notes", "notes-1"]);
  });

  test("links: inline, images, parentheses in paths, definitions; none inside code", () => {
    const prose = blankFencedCode(
      [
        '[a](docs/a.md#x) ![b](docs/b.png) [c](app/(demos)/page.tsx "title")',
        "`[not](a-link.md)` and [d](https://example.com)",
        "```",
        "[not](in-a-block.md)",
        "```",
        "[ref]: docs/ref.md",
      ].join("\n"),
    );
    const targets = links({ path: "README.md", prose }).map(
      (link) => `${link.line}:${link.target}`,
    );
    assert.deepEqual(targets, [
      "1:docs/a.md#x",
      "1:docs/b.png",
      "1:app/(demos)/page.tsx",
      "2:https://example.com",
      "6:docs/ref.md",
    ]);
  });

  test("backticked paths: prefixes and proxy.ts, :line stripped, patterns skipped", () => {
    const prose =
      "`lib/auth0.ts:29` `proxy.ts` `lib/*.test.ts` `app/<slug>/` `npm test` `e2e/a b`\n`docs/` spans\n`lines`";
    const targets = repositoryPaths({ path: "README.md", prose }).map(
      (p) => `${p.line}:${p.target}`,
    );
    assert.deepEqual(targets, ["1:lib/auth0.ts", "1:proxy.ts", "2:docs/"]);
  });

  test("code spans: pairs of equal runs, wrapping onto the next line, never across paragraphs", () => {
    const spans = codeSpans("``a ` b`` and `c\nd` then `open\n\n` later`").map((s) => s.content);
    assert.deepEqual(spans, ["a ` b", "c\nd", " later"]);
  });
});
