/**
 * What the build plugins (role-screens, start-preload) read of Rollup's bundle: its JS chunks and
 * the chunk a source module became, found the same way by both.
 */
export interface ChunkLike {
  type: 'chunk';
  fileName: string;
  isEntry: boolean;
  facadeModuleId: string | null;
  imports: string[];
  dynamicImports: string[];
  moduleIds: string[];
  viteMetadata?: { importedCss: Set<string> };
}

export function chunksOf(bundle: Record<string, { type: string }>): ChunkLike[] {
  return Object.values(bundle).filter((o) => o.type === 'chunk') as unknown as ChunkLike[];
}

const normal = (id: string | null) => (id ?? '').split('\\').join('/');

/**
 * The chunk whose facade is `module` (a path from `root`), or, for a module grouped with others
 * (scripts/start-chunk.ts), the chunk that holds it; a missing one is a build error.
 */
export function chunkOfModule(chunks: readonly ChunkLike[], root: string, module: string, plugin: string): ChunkLike {
  const id = `${normal(root)}/${module}`;
  const found = chunks.find((c) => normal(c.facadeModuleId) === id) ?? chunks.find((c) => c.moduleIds.some((m) => normal(m) === id));
  if (!found) throw new Error(`${plugin}: no chunk for ${module}`);
  return found;
}
