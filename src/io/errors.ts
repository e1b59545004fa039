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
    case 'ELOOP':
      return 'laço de links simbólicos (um link aponta, direta ou indiretamente, para si mesmo)';
    case 'ENAMETOOLONG':
      return 'caminho ou nome de arquivo longo demais';
    case 'EMFILE':
    case 'ENFILE':
      return 'arquivos abertos demais no sistema; tente de novo com menos --jobs';
    case 'EIO':
      return 'erro de entrada e saída do disco';
    case 'EDQUOT':
      return 'cota de disco esgotada';
    case 'EBUSY':
      return 'o arquivo está em uso por outro programa';
    case 'EXDEV':
      return 'origem e destino em discos diferentes';
    default: {
      // Unknown to us: the system's code and text, never a stack.
      const err = e as NodeJS.ErrnoException;
      return code ? `erro do sistema ${code}${err.syscall ? ` (${err.syscall})` : ''}` : String(err?.message ?? e);
    }
  }
}
