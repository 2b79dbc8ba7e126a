/**
 * Defines a custom element unless the name is taken. Pages often load a widget twice (a
 * theme and a plugin both include it); a second `define` would throw and break the page.
 */
export function defineOnce(name: string, ctor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return;
  const existing = customElements.get(name);
  if (existing === undefined) {
    customElements.define(name, ctor);
  } else if (existing !== ctor) {
    console.warn(`<${name}> is already defined by another copy of the script; keeping the first one.`);
  }
}
