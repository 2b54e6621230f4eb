package io.lifeboat.repository;

/** What a protected path is. Files, images and devices are cut positionally; trees per file. */
public enum SourceKind { FILE, IMAGE, BLOCK_DEVICE, DIRECTORY }
