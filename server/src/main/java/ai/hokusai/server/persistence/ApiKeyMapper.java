package ai.hokusai.server.persistence;

import java.util.Optional;

import org.apache.ibatis.annotations.Mapper;

@Mapper
public interface ApiKeyMapper {

    Optional<ApiKeyRecord> findByPrefix(String prefix);

    /** Keys neither revoked nor expired. */
    long countUsable();

    void insert(ApiKeyRecord key);
}
