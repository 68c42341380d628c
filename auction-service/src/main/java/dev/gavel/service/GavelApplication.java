package dev.gavel.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The auction service: `gavel serve`. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GavelApplication {
    public static void main(String[] args) {
        SpringApplication.run(GavelApplication.class, args);
    }
}
