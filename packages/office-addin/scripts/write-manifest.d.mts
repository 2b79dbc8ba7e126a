export declare const DEFAULT_BASE: string;
export declare const DEFAULT_PLATFORM: string;
export declare const ROOT_MANIFEST: string;
export declare const ADDIN_ID: string;
export declare const VERSION: string;
export declare const SIZE: { width: number; height: number };
export declare function manifestXml(options?: { base?: string; platform?: string }): string;
