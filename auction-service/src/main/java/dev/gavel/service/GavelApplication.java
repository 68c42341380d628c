package dev.gavel.service;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The auction service: `gavel serve`. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GavelApplication {}
