package ai.hokusai.server.persistence;

import org.apache.ibatis.annotations.Mapper;

@Mapper
public interface OutcomeMapper {

    void insert(OutcomeRecord outcome);
}
