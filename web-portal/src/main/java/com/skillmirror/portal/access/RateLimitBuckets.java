package com.skillmirror.portal.access;

/** Where the rate limits' token buckets live: this process, or Redis for all replicas. */
interface RateLimitBuckets {

    /**
     * Takes one permit from the bucket of key (holding up to perMinute permits, refilled perMinute per minute).
     *
     * @param kind what is limited (login, upload, ...), a short fixed word
     * @param key  whose bucket within the kind: a client address, an account's name or id
     * @return 0 when a permit was taken, else milliseconds until one is available
     */
    long tryTake(String kind, String key, int perMinute);
}
