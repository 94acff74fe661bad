import { html, LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import { surfaces } from '../shared/surfaces.styles';
import { tokens } from '../shared/tokens.styles';
import { styles } from './teach.styles';

/** The open classifier comes from the address (/teach/<id>), so reload and back work. */
const idFromPath = () => decodeURIComponent(location.pathname.split('/')[2] ?? '');

/** The Teach section: the list of the user's classifiers, or one of them. */
export class TeachPage extends LitElement {
  static styles = [tokens, surfaces, styles];

  @state() private openId = idFromPath();
  private readonly onPop = () => (this.openId = idFromPath());

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPop);
  }

  disconnectedCallback(): void {
    window.removeEventListener('popstate', this.onPop);
    super.disconnectedCallback();
  }

  private go(id: string) {
    history.pushState({}, '', `/teach${id ? `/${encodeURIComponent(id)}` : ''}${location.search}`);
    this.openId = id;
  }

  render() {
    return this.openId
      ? html`<pv-classifier-editor .classifierId=${this.openId} @pv-close-classifier=${() => this.go('')}></pv-classifier-editor>`
      : html`<pv-classifier-list @pv-open-classifier=${(e: CustomEvent<{ id: string }>) => this.go(e.detail.id)}></pv-classifier-list>`;
  }
}
