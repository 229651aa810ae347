package ai.hokusai.server.persistence;

import java.util.Optional;
import java.util.UUID;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** The encrypted credentials of accounts; every statement names the account. */
@Mapper
public interface CredentialMapper {

    Optional<CredentialRecord> find(@Param("accountId") UUID accountId, @Param("provider") String provider);

    /** Stores the account's credential for the provider, replacing the one it had. */
    void upsert(CredentialRecord credential);

    /** Returns the rows deleted: 0 when the account had none. */
    int delete(@Param("accountId") UUID accountId, @Param("provider") String provider);
}
