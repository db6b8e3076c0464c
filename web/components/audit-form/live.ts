/**
 * What the form needs from the shopper's app when it runs for real (not as the builder's
 * preview): photos from the camera, kept on the phone, and hold stopwatches that survive a
 * reload. The app implements these over IndexedDB; the form only calls them.
 */

export interface PhotoSupport {
  /** An object URL for a photo stored on the phone; undefined while it loads or when it is gone. */
  url(sha256: string): string | undefined;
  /** Downscales, stores and attaches a photo to an item. Rejects when the image cannot be read. */
  add(itemKey: string, file: File): Promise<void>;
  /** Detaches a photo from an item. */
  remove(itemKey: string, sha256: string): void;
}

export interface TimerSupport {
  /** When the item's running stopwatch started (epoch ms), or undefined when it is stopped. */
  runningSince(itemKey: string): number | undefined;
  start(itemKey: string): void;
  /** Stops the stopwatch; returns the whole seconds it ran. */
  stop(itemKey: string): number;
}

export interface LiveSupport {
  photos: PhotoSupport;
  timers: TimerSupport;
}

/** At most this many photos per item (the API's limit). */
export const MAX_PHOTOS_PER_ITEM = 10;
