package ai.hokusai.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class HokusaiServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(HokusaiServerApplication.class, args);
    }
}
