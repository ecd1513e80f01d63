import ReactMarkdown from 'react-markdown'
import remarkGfm from 'remark-gfm'

/**
 * User-written Markdown. Raw HTML is never rendered (there is no rehype-raw),
 * and react-markdown's URL filter drops `javascript:` and other unsafe links.
 */
export function Markdown({ children }: { children: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={[remarkGfm]}>
        {children}
      </ReactMarkdown>
    </div>
  )
}
