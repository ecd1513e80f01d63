import ReactMarkdown from 'react-markdown'
import remarkGfm from 'remark-gfm'

/**
 * User-written Markdown. HTML written into it is never rendered (no raw-HTML plugin is used),
 * and react-markdown's URL filter drops `javascript:` and other unsafe links.
 */
export function Markdown({ children }: { children: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={[remarkGfm]}>{children}</ReactMarkdown>
    </div>
  )
}
