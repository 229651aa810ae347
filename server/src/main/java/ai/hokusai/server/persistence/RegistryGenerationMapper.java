package ai.hokusai.server.persistence;

import org.apache.ibatis.annotations.Mapper;

/** The registry's generation: moved forward by every registry change, in the change's own transaction. */
@Mapper
public interface RegistryGenerationMapper {

    long current();

    int advance();
}
