/**
 * A few DOM helpers for the page's script: elements from a tag, attributes and children (text is
 * always set as text, never parsed as HTML), and source links as relative paths into the repository.
 */

export type Child = Node | string | number | null | undefined | false | readonly Child[];

type Attributes = Readonly<Record<string, string | boolean | number | undefined | ((event: Event) => void)>>;

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const item of child as readonly Child[]) append(parent, item);
    return;
  }
  parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) append(element, child);
  return element;
}

/** A section with its heading and an anchor for the table of contents. */
export function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h('section', { id, class: 'section' }, h('h2', {}, title), ...children);
}

let linkRoot: string | null = null;

export function setLinkRoot(root: string | null): void {
  linkRoot = root;
}

/**
 * A repository-relative `file:line` as a link from the page's folder (`../packages/cdk/src/l2/eks.ts#L42`),
 * or as plain code when the page cannot link it (an absolute path, a page written elsewhere).
 */
export function sourceLink(location: string | undefined): Node | null {
  if (!location) return null;
  const match = /^(.*?):(\d+)(?::\d+)?$/.exec(location);
  const file = match ? match[1]! : location;
  const linkable =
    linkRoot !== null && !file.startsWith('/') && !/^[a-z][a-z0-9+.-]*:/i.test(file) && /[/.]/.test(file);
  if (!linkable) return h('code', { class: 'src' }, location);
  return h('a', { class: 'src', href: `${linkRoot}${file}${match ? `#L${match[2]}` : ''}` }, location);
}

/** A table from a header and rows of cells. */
export function table(
  className: string,
  header: readonly string[],
  rows: readonly (readonly Child[])[],
): HTMLTableElement {
  return h(
    'table',
    { class: className },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        header.map((cell) => h('th', { scope: 'col' }, cell)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((row) =>
        h(
          'tr',
          {},
          row.map((cell) => h('td', {}, cell)),
        ),
      ),
    ),
  );
}
