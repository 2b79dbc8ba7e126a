export declare const LESSON_FIGURES: string[];
export declare function startLessonPlatform(options: {
  platform: string;
  port?: number;
  host?: string;
  clientId?: string;
  appKey?: string;
  figures?: string[];
}): Promise<{ url: string; stats: { tokenRequests: number }; close(): Promise<void> }>;
