/** Attributes of {@link h}: `class`, `data-*`, `aria-*` and the like as text; `on*` as listeners. */
export type Attributes = Readonly<Record<string, string | number | boolean | EventListener | undefined>>;

/** What {@link h} takes as children: nodes, text, and nothing (skipped, so a child can be conditional). */
export type Child = Node | string | number | null | undefined | false;

/**
 * Builds an element: `h('p', { class: 'hint' }, 'text', child)`. Text is always set as text, never parsed as HTML,
 * so values from the API cannot inject markup.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(...children.filter((child): child is Node | string | number => child !== null && child !== undefined && child !== false).map((child) => (typeof child === 'number' ? String(child) : child)));
  return element;
}

/** Replaces every child of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  for (const child of children) if (child !== null && child !== undefined && child !== false) parent.append(typeof child === 'number' ? String(child) : child);
}
