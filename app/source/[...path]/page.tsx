import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isShowable, readSource } from "@/lib/tutorial/source-snippet";

type Props = { params: Promise<{ path: string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).path.join("/") };
}

/** A whole source file of the project, with line anchors, linked from every code sample. */
export default async function SourcePage({ params }: Props) {
  const file = (await params).path.join("/");
  if (!isShowable(file)) notFound();
  const source = await readSource(file).catch(() => notFound());
  return (
    <article>
      <h1 className="source-title">{file}</h1>
      <pre className="source" tabIndex={0}>
        <code>
          {source.split("\n").map((line, index) => (
            <span key={index} id={`L${index + 1}`} className="source-line">
              {line}
              {"\n"}
            </span>
          ))}
        </code>
      </pre>
    </article>
  );
}
