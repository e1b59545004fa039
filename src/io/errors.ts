/** A file-system error in Portuguese, for reading (`'read'`) or writing (`'write'`). */
export function describeIoError(e: unknown, action: 'read' | 'write' = 'read'): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return action === 'read' ? 'arquivo não encontrado' : 'a pasta de destino não existe';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return action === 'read' ? 'sem permissão de leitura' : 'sem permissão de escrita na pasta de destino';
    case 'EISDIR':
      return 'é uma pasta, não um arquivo';
    case 'ENOSPC':
      return 'disco cheio';
    case 'ENOTDIR':
      return 'parte do caminho não é uma pasta';
    default:
      return (e as Error).message;
  }
}
