package ai.hokusai.server.persistence;

import java.util.Optional;
import java.util.UUID;
import org.apache.ibatis.annotations.Mapper;

@Mapper
public interface AccountMapper {

    Optional<AccountRecord> findById(UUID id);

    Optional<AccountRecord> findBySlug(String slug);

    /** Inserts the account unless its slug is taken; the count inserted. */
    int insertIfSlugFree(AccountRecord account);
}
