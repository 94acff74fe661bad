/**
 * Sets inline style properties through CSSOM, as an element directive: `<td ${cssProps({ background: c })}>`.
 * Lit's styleMap writes a style="…" attribute on its first render, which the Content-Security-Policy
 * (no 'unsafe-inline' styles) blocks, so the bars and matrix cells would lose their colours and widths.
 * CSSOM writes are always allowed. Property names are CSS names ('background-color', not camelCase).
 */
import { noChange } from 'lit';
import { Directive, directive, type ElementPart, type PartInfo, PartType } from 'lit/directive.js';

type Props = Record<string, string>;

class CssProps extends Directive {
  private keys = new Set<string>();

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT)
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the message shows the template syntax to use
      throw new Error('cssProps goes where an attribute would: <div ${cssProps({…})}>');
  }

  render(_props: Props) {
    return noChange;
  }

  update(part: ElementPart, [props]: [Props]) {
    const { style } = part.element as HTMLElement;
    for (const k of this.keys) if (!(k in props)) style.removeProperty(k);
    for (const [k, v] of Object.entries(props)) style.setProperty(k, v);
    this.keys = new Set(Object.keys(props));
    return noChange;
  }
}

export const cssProps = directive(CssProps);
