// `html`: a page per submission for the student and summary.html for the TA. Its own
// file, not html.ts, because html.ts loads KaTeX and the Markdown reader: the registry
// (and so `--help`) must not pay for them until a run asks for html.
import type { ReportFormat } from './format.js';

type Renderers = typeof import('./html.js') & typeof import('./report-source.js') & typeof import('./summary-html.js');
let renderers: Renderers | null = null;

function loaded(): Renderers {
  if (renderers === null) throw new Error('the html format renders only after loadFormats(["html"])');
  return renderers;
}

export const htmlFormat: ReportFormat = {
  name: 'html',
  async load() {
    renderers ??= { ...(await import('./html.js')), ...(await import('./report-source.js')), ...(await import('./summary-html.js')) };
  },
  parts: [
    {
      scope: 'submission',
      audience: 'student',
      extension: '.html',
      render: (view, { source }) => loaded().htmlReport(view, view.error ? { text: '', math: [], images: [] } : source()),
    },
    { scope: 'batch', audience: 'ta', file: 'summary.html', render: (_, { summary }) => loaded().summaryHtml(summary) },
  ],
};
