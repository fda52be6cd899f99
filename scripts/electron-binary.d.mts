export declare const repoRoot: string;
export declare function findElectronBinary(root?: string, env?: NodeJS.ProcessEnv): string | undefined;
export declare function installElectron(root?: string, env?: NodeJS.ProcessEnv): boolean;
export declare function electronVersion(root?: string): string;
export declare function downloadAdvice(root?: string): string;
