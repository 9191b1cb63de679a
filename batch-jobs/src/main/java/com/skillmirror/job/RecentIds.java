package com.skillmirror.job;

import java.util.LinkedHashMap;
import java.util.Map;

/** The most recently added ids, at most a fixed number of them (the oldest are forgotten first). Thread-safe. */
final class RecentIds {

    private final int capacity;
    private final Map<Long, Boolean> ids;

    RecentIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        this.capacity = capacity;
        this.ids = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                return size() > RecentIds.this.capacity;
            }
        };
    }

    synchronized void add(long id) {
        ids.put(id, Boolean.TRUE);
    }

    synchronized boolean contains(long id) {
        return ids.containsKey(id);
    }

    synchronized int size() {
        return ids.size();
    }
}
