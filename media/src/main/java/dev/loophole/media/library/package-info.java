/**
 * The media library: samples as managed media (spec §1.5, §4.2).
 *
 * <p>One library per user, an SQLite file: {@code $XDG_DATA_HOME/loophole/library.db} (XDG_DATA_HOME defaults to
 * {@code ~/.local/share}); the command line takes {@code --library FILE}. The schema is migrated by Flyway from
 * {@code db/library/V*.sql}.
 *
 * <ul>
 *   <li>{@link dev.loophole.media.library.MediaLibrary} — the service: {@code open}, {@code addRoot}/{@code add}/
 *       {@code scan} (all cores, incremental: size+mtime, then hash; committed in small transactions so a killed
 *       scan loses nothing committed), {@code search} ({@link dev.loophole.media.library.SearchQuery}: FTS5 prefixes,
 *       bm25, filters), {@code tag}/{@code untag}, {@code overview} (waveform peaks), {@code embeddedTags},
 *       {@code checkStatus}, {@code relink}, {@code sampleRef}/{@code resolve} (program references),
 *       {@code onStatusChange} (every online/offline/remote/missing change), {@code watch} (the server's watcher).</li>
 *   <li>{@link dev.loophole.media.library.MediaStatus} — online, offline (root unreachable: its folder is gone, or
 *       it is an empty mount point on another device than it was scanned on), remote (a cloud placeholder: more than
 *       4 KiB long with no allocated blocks), missing (root there, file not).</li>
 *   <li>{@link dev.loophole.media.library.AutoMapper} — a folder of samples to a {@code Program} (keys from smpl,
 *       names or detected pitch; layers; round robins).</li>
 * </ul>
 *
 * <p>A program refers to a library sample by {@link dev.loophole.model.SampleRef} with a
 * {@link dev.loophole.model.SampleRef.MediaLink} (root uuid, relative path, SHA-256); {@code resolve} finds it by
 * root, then by hash. SFZ export writes plain paths.
 */
package dev.loophole.media.library;
