/**
 * Type definitions for `@neo4j/graphql` over the graph our importer writes: the same labels,
 * relationship types and properties, so the library reads the very nodes our API reads. Only what
 * the benchmark's questions need is declared (the library generates filters, sorting, offsets and
 * connections from it).
 */
import { Neo4jGraphQL } from '@neo4j/graphql';
import type { GraphQLSchema } from 'graphql';
import type { Driver } from 'neo4j-driver';

export const typeDefs = /* GraphQL */ `
  interface Entity {
    id: ID!
    name: String!
  }
  type Person implements Entity @node {
    id: ID!
    name: String!
    worksFor: [Organization!]!
      @relationship(type: "WORKS_FOR", direction: OUT, properties: "WorksFor")
    participatedIn: [Event!]!
      @relationship(type: "PARTICIPATED_IN", direction: OUT, properties: "Participation")
    created: [Topic!]! @relationship(type: "CREATED", direction: OUT)
    made: [Claim!]! @relationship(type: "MADE", direction: OUT, properties: "Made")
    mentionedIn: [Article!]! @relationship(type: "MENTIONS", direction: IN)
  }
  type Organization implements Entity @node {
    id: ID!
    name: String!
    people: [Person!]! @relationship(type: "WORKS_FOR", direction: IN, properties: "WorksFor")
    mentionedIn: [Article!]! @relationship(type: "MENTIONS", direction: IN)
  }
  type Topic implements Entity @node {
    id: ID!
    name: String!
    claimsAbout: [Claim!]! @relationship(type: "ABOUT", direction: IN, properties: "About")
    mentionedIn: [Article!]! @relationship(type: "MENTIONS", direction: IN)
  }
  type Event implements Entity @node {
    id: ID!
    name: String!
  }
  type Place implements Entity @node {
    id: ID!
    name: String!
  }
  type Claim @node {
    id: ID!
    statement: String!
    stance: String!
    dateDay: String
    speakers: [Person!]! @relationship(type: "MADE", direction: IN, properties: "Made")
    targets: [Entity!]! @relationship(type: "ABOUT", direction: OUT, properties: "About")
    sources: [Article!]!
      @relationship(type: "REPORTED_IN", direction: OUT, properties: "ReportedIn")
  }
  type Article @node {
    id: ID!
    title: String!
    mentions: [Entity!]! @relationship(type: "MENTIONS", direction: OUT)
  }
  type WorksFor @relationshipProperties {
    role: String
    validFrom: String
    validTo: String
  }
  type Participation @relationshipProperties {
    role: String
    representing: String
  }
  type Made @relationshipProperties {
    role: String
    organization: String
  }
  type About @relationshipProperties {
    stance: String!
  }
  type ReportedIn @relationshipProperties {
    quote: String
  }
`;

export async function neo4jGraphqlSchema(driver: Driver): Promise<GraphQLSchema> {
  return new Neo4jGraphQL({ typeDefs, driver }).getSchema();
}
