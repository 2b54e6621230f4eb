package io.lifeboat.repository;

/** One entry of a manifest. */
public enum EntryType { FILE, DIRECTORY, SYMLINK }
