package com.skillmirror.portal.expert;

import com.skillmirror.expert.ExpertPatterns;
import com.skillmirror.expert.StoredPattern;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Component;

/**
 * The expert library as the pages and the API read it: the experts, one expert with its patterns, and what a listed
 * pattern holds (read from storage and parsed: its takes, samples, features and citation). Cached (Spring Cache):
 * with several replicas in Redis, shared by all and kept skillmirror.replicas.cache-ttl at most; with one portal not
 * cached (spring.cache.type=none). An ingest through any portal evicts everything at once. Every cached value is
 * Serializable (Redis keeps them serialized); a pattern that could not be read is not cached.
 */
@Component
class ExpertCatalog {

    static final String EXPERTS = "experts";
    static final String EXPERT = "expert";
    static final String PATTERNS = "expert-patterns";

    /** A stored pattern's figures as listed, or the problem reading it. */
    record PatternSummary(Integer takes, Integer samples, Integer features, String citation, String problem)
            implements Serializable {
    }

    private final ExpertPatterns patterns;

    ExpertCatalog(ExpertPatterns patterns) {
        this.patterns = patterns;
    }

    @Cacheable(EXPERTS)
    public List<Map<String, Object>> experts() {
        return new ArrayList<>(patterns.experts());
    }

    @Cacheable(EXPERT)
    public Optional<Map<String, Object>> expertWithPatterns(UUID id) {
        return patterns.expertWithPatterns(id);
    }

    @Cacheable(cacheNames = PATTERNS, unless = "#result.problem() != null")
    public PatternSummary summary(UUID patternId) {
        try {
            Optional<StoredPattern> stored = patterns.find(patternId);
            return stored.map(s -> new PatternSummary(s.pattern().takes(), s.pattern().samples(),
                            s.pattern().features().size(), s.pattern().citation(), null))
                    .orElseGet(() -> new PatternSummary(null, null, null, null, null));
        } catch (RuntimeException e) {
            return new PatternSummary(null, null, null, null, e.getMessage());
        }
    }

    /**
     * After patterns or experts changed (an ingest): every replica reads them anew. Before invocation, because then
     * the caches are invalidated at once; after it they are only cleared, which a Redis cache does asynchronously, so
     * the ingest's answer could reach the client before the stale entries are gone.
     */
    @CacheEvict(cacheNames = {EXPERTS, EXPERT, PATTERNS}, allEntries = true, beforeInvocation = true)
    public void changed() {
        // the annotation does the work
    }
}
